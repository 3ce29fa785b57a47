package dev.rill.examples.clickstream;

/**
 * One page view as it arrives on the {@code page-views} topic, in JSON.
 *
 * @param userId who viewed the page
 * @param page the page path
 * @param device "mobile", "desktop" or "tablet"
 * @param userAgent the browser's user agent
 * @param durationMs how long the page stayed open, in milliseconds
 */
public record PageView(String userId, String page, String device, String userAgent, long durationMs) {

    /** @return whether a crawler, not a person, produced this view */
    public boolean fromBot() {
        String ua = userAgent.toLowerCase(java.util.Locale.ROOT);
        return ua.contains("bot") || ua.contains("crawler") || ua.contains("spider");
    }
}
