package dev.rill.common.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SerdeSupportTest {

    private static String preview(String s) {
        return SerdeSupport.preview(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shortPayloadsAreShownWhole() {
        assertThat(preview("")).isEmpty();
        assertThat(preview("hello")).isEqualTo("hello");
        assertThat(preview("x".repeat(64))).isEqualTo("x".repeat(64));
    }

    @Test
    void escapesQuotesBackslashesAndInvisibleCharacters() {
        assertThat(preview("a\"b\\c\n\t\r\u0000\u200B")).isEqualTo("a\\\"b\\\\c\\n\\t\\r\\u0000\\u200b");
    }

    @Test
    void keepsVisibleNonAsciiCharacters() {
        assertThat(preview("日本 \uD83D\uDE00")).isEqualTo("日本 \uD83D\uDE00");
    }

    @Test
    void invalidUtf8ShowsAsReplacementCharacters() {
        assertThat(SerdeSupport.preview(new byte[] {'a', (byte) 0xC3})).isEqualTo("a\uFFFD");
    }

    @Test
    void longPayloadsAreCutToAtMost64CharactersWithoutSplittingAnEscape() {
        assertThat(preview("x".repeat(65))).isEqualTo("x".repeat(61) + "...");
        String cut = SerdeSupport.preview(new byte[1000]);
        assertThat(cut).hasSizeLessThanOrEqualTo(64).endsWith("\\u0000...");
        assertThat(cut).isEqualTo("\\u0000".repeat(10) + "...");
    }
}
