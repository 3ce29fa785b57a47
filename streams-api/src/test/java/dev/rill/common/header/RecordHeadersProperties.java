package dev.rill.common.header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Copies of headers are independent of each other: whatever is added to or removed from one, in any
 * order and through any path (add, remove by key, an iterator's remove), is seen by that one alone.
 * Each run applies random steps to a growing family of copies and compares every member with a model
 * made of plain, separately copied lists.
 */
class RecordHeadersProperties {

    /** One step, applied to the member {@code target % family size}. */
    private record Step(int kind, int target, String key, int position) {
    }

    @Property(tries = 300)
    void copiesNeverSeeEachOthersChanges(@ForAll("steps") List<Step> steps) {
        List<RecordHeaders> family = new ArrayList<>();
        List<List<Header>> model = new ArrayList<>();
        family.add(new RecordHeaders());
        model.add(new ArrayList<>());
        int serial = 0;
        for (Step step : steps) {
            int i = step.target() % family.size();
            RecordHeaders headers = family.get(i);
            List<Header> expected = model.get(i);
            switch (step.kind()) {
                case 0 -> {
                    family.add(new RecordHeaders(headers));
                    model.add(new ArrayList<>(expected));
                }
                case 1 -> {
                    Header h = new RecordHeader(step.key(), ("v" + serial++).getBytes(StandardCharsets.UTF_8));
                    headers.add(h);
                    expected.add(h);
                }
                case 2 -> {
                    headers.remove(step.key());
                    expected.removeIf(h -> h.key().equals(step.key()));
                }
                default -> {
                    if (!expected.isEmpty()) {
                        int position = step.position() % expected.size();
                        Iterator<Header> it = headers.iterator();
                        for (int n = 0; n <= position; n++) {
                            it.next();
                        }
                        it.remove();
                        expected.remove(position);
                    }
                }
            }
            for (int m = 0; m < family.size(); m++) {
                assertThat(family.get(m).toArray()).containsExactlyElementsOf(model.get(m));
                assertThat(family.get(m).lastHeader(step.key())).isEqualTo(lastOf(model.get(m), step.key()));
            }
        }
    }

    private static Header lastOf(List<Header> headers, String key) {
        Header last = null;
        for (Header h : headers) {
            if (h.key().equals(key)) {
                last = h;
            }
        }
        return last;
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(
            Arbitraries.integers().between(0, 3),
            Arbitraries.integers().between(0, 50),
            Arbitraries.of("a", "b", "c"),
            Arbitraries.integers().between(0, 20)).as(Step::new);
        return step.list().ofMaxSize(40);
    }

    @Test
    void aCopyOfReadOnlyHeadersIsWritableAndTheOriginalStaysReadOnly() {
        RecordHeaders written = new RecordHeaders();
        written.add("k", new byte[] {1});
        written.setReadOnly();
        RecordHeaders copy = new RecordHeaders(written);
        copy.add("k2", new byte[] {2});
        assertThat(copy.toArray()).hasSize(2);
        assertThatThrownBy(() -> written.add("k3", new byte[] {3})).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> {
            Iterator<Header> it = written.iterator();
            it.next();
            it.remove();
        }).isInstanceOf(IllegalStateException.class);
        assertThat(written.toArray()).hasSize(1);
    }

    @Test
    void addingWhileIteratingFailsFast() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("a", new byte[0]);
        headers.add("b", new byte[0]);
        assertThatThrownBy(() -> {
            for (Header h : headers) {
                headers.add("c", new byte[0]);
            }
        }).isInstanceOf(ConcurrentModificationException.class);
    }

    @Test
    void headersWithTheSameEntriesAreEqualWhetherCopiedOrBuilt() {
        RecordHeaders built = new RecordHeaders();
        built.add("a", new byte[] {1});
        RecordHeaders copied = new RecordHeaders(built);
        assertThat(copied).isEqualTo(built).hasSameHashCodeAs(built);
        assertThat(new RecordHeaders()).isEqualTo(new RecordHeaders(List.of())).hasToString("RecordHeaders(headers = [])");
    }
}
