package dev.llmring;

import java.net.URI;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One piece of a message's content: {@link Text}, an {@link Image} or a {@link Document} (PDF). Media is given either
 * as bytes (with its media type) or as a URL; a URL is only ever downloaded by the safe fetcher, and only when it is
 * enabled.
 *
 * <p>{@link #withCacheHint()} marks the end of a prompt prefix worth caching; adapters of providers with explicit
 * prompt caching (Anthropic's {@code cache_control}) honour it, the others ignore it.
 */
public sealed interface ContentPart permits ContentPart.Text, ContentPart.MediaPart {

    /** {@return whether this part ends a prefix the provider should cache} */
    boolean cacheHint();

    /** {@return this part, marked as the end of a cacheable prefix} */
    ContentPart withCacheHint();

    /**
     * A text part.
     *
     * @param text the text; may be empty
     * @return the part
     */
    static Text text(String text) {
        return new Text(text, false);
    }

    /**
     * An image given by bytes, e.g. {@code image(bytes, "image/png")}.
     *
     * @param bytes the image, not empty; copied
     * @param mediaType its media type, e.g. {@code image/png} (lower-cased)
     * @return the part
     * @throws IllegalArgumentException when the bytes are empty or the media type is malformed
     */
    static Image image(byte[] bytes, String mediaType) {
        return new Image(Media.ofBytes(bytes, mediaType), false);
    }

    /**
     * An image given as base64 text (without a {@code data:} prefix).
     *
     * @param base64 the image as standard base64; surrounding white space is ignored
     * @param mediaType its media type, e.g. {@code image/png} (lower-cased)
     * @return the part
     * @throws IllegalArgumentException when the text is not base64, decodes to nothing, or the media type is malformed
     */
    static Image imageBase64(String base64, String mediaType) {
        return new Image(Media.ofBytes(Base64.getDecoder().decode(base64.trim()), mediaType), false);
    }

    /**
     * An image given by URL ({@code https}; whether it is downloaded or passed on depends on the provider).
     *
     * @param url the absolute URL
     * @return the part
     * @throws IllegalArgumentException when the URL is not absolute
     */
    static Image imageUrl(URI url) {
        return new Image(Media.ofUrl(url), false);
    }

    /**
     * A PDF document given by bytes.
     *
     * @param bytes the PDF, not empty; copied
     * @return the part
     * @throws IllegalArgumentException when the bytes are empty
     */
    static Document pdf(byte[] bytes) {
        return new Document(Media.ofBytes(bytes, "application/pdf"), false);
    }

    /**
     * A PDF document given by URL.
     *
     * @param url the absolute URL
     * @return the part
     * @throws IllegalArgumentException when the URL is not absolute
     */
    static Document pdfUrl(URI url) {
        return new Document(Media.ofUrl(url), false);
    }

    /** Plain text. */
    final class Text implements ContentPart {
        private final String text;
        private final boolean cacheHint;

        private Text(String text, boolean cacheHint) {
            this.text = Objects.requireNonNull(text, "text");
            this.cacheHint = cacheHint;
        }

        /** {@return the text; may be empty} */
        public String text() {
            return text;
        }

        @Override
        public boolean cacheHint() {
            return cacheHint;
        }

        @Override
        public Text withCacheHint() {
            return new Text(text, true);
        }

        @Override
        public boolean equals(@Nullable Object o) {
            return o instanceof Text t && t.text.equals(text) && t.cacheHint == cacheHint;
        }

        @Override
        public int hashCode() {
            return text.hashCode() + (cacheHint ? 1 : 0);
        }

        @Override
        public String toString() {
            return "Text[" + text.length() + " chars]";
        }
    }

    /** What {@link Image} and {@link Document} share: media given by bytes or by URL, and the cache hint. */
    abstract sealed class MediaPart implements ContentPart permits Image, Document {
        private final Media media;
        private final boolean cacheHint;

        private MediaPart(Media media, boolean cacheHint) {
            this.media = media;
            this.cacheHint = cacheHint;
        }

        /** {@return the media: bytes with their media type, or a URL not yet fetched} */
        public Media media() {
            return media;
        }

        @Override
        public boolean cacheHint() {
            return cacheHint;
        }

        @Override
        public boolean equals(@Nullable Object o) {
            return o != null
                    && o.getClass() == getClass()
                    && ((MediaPart) o).media.equals(media)
                    && ((MediaPart) o).cacheHint == cacheHint;
        }

        @Override
        public int hashCode() {
            return media.hashCode() + (cacheHint ? 1 : 0);
        }

        @Override
        public String toString() {
            return getClass().getSimpleName() + "[" + media + "]";
        }
    }

    /** An image, by bytes or by URL. */
    final class Image extends MediaPart {
        private Image(Media media, boolean cacheHint) {
            super(media, cacheHint);
        }

        @Override
        public Image withCacheHint() {
            return new Image(media(), true);
        }
    }

    /** A document (PDF), by bytes or by URL. */
    final class Document extends MediaPart {
        private Document(Media media, boolean cacheHint) {
            super(media, cacheHint);
        }

        @Override
        public Document withCacheHint() {
            return new Document(media(), true);
        }
    }

    /** Media content: either bytes with a media type, or a URL not yet fetched. */
    final class Media {
        private final byte @Nullable [] bytes;
        private final @Nullable String mediaType;
        private final @Nullable URI url;

        private Media(byte @Nullable [] bytes, @Nullable String mediaType, @Nullable URI url) {
            this.bytes = bytes;
            this.mediaType = mediaType;
            this.url = url;
        }

        /**
         * Media given by bytes. {@code mediaType} is lower-cased, e.g. {@code image/png}.
         *
         * @param bytes the content, not empty; copied
         * @param mediaType the media type, {@code type/subtype}
         * @return the media
         * @throws IllegalArgumentException when the bytes are empty or the media type is malformed
         */
        public static Media ofBytes(byte[] bytes, String mediaType) {
            Objects.requireNonNull(bytes, "bytes");
            Objects.requireNonNull(mediaType, "mediaType");
            String type = mediaType.trim().toLowerCase(Locale.ROOT);
            if (!type.matches("[a-z0-9.+-]+/[a-z0-9.+-]+")) {
                throw new IllegalArgumentException("not a media type: '" + mediaType + "'");
            }
            if (bytes.length == 0) throw new IllegalArgumentException("media bytes must not be empty");
            return new Media(bytes.clone(), type, null);
        }

        /**
         * Media given by URL.
         *
         * @param url the absolute URL
         * @return the media
         * @throws IllegalArgumentException when the URL is not absolute
         */
        public static Media ofUrl(URI url) {
            Objects.requireNonNull(url, "url");
            if (!url.isAbsolute()) throw new IllegalArgumentException("media URL must be absolute: " + url);
            return new Media(null, null, url);
        }

        /** {@return whether the media was given by URL (else by bytes)} */
        public boolean isUrl() {
            return url != null;
        }

        /** {@return the URL, when the media was given by URL} */
        public Optional<URI> url() {
            return Optional.ofNullable(url);
        }

        /** {@return the media type, when the media was given by bytes} */
        public Optional<String> mediaType() {
            return Optional.ofNullable(mediaType);
        }

        /** {@return a copy of the bytes, when the media was given by bytes} */
        public Optional<byte[]> bytes() {
            return bytes == null ? Optional.empty() : Optional.of(bytes.clone());
        }

        /** {@return the bytes as standard base64, when the media was given by bytes} */
        public Optional<String> base64() {
            return bytes == null
                    ? Optional.empty()
                    : Optional.of(Base64.getEncoder().encodeToString(bytes));
        }

        @Override
        public boolean equals(@Nullable Object o) {
            return o instanceof Media m
                    && Arrays.equals(m.bytes, bytes)
                    && Objects.equals(m.mediaType, mediaType)
                    && Objects.equals(m.url, url);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes) * 31 + Objects.hash(mediaType, url);
        }

        /** Never prints the bytes; a URL is printed without user info or query string. */
        @Override
        public String toString() {
            if (url != null) {
                return url.getScheme() + "://" + url.getHost() + Objects.requireNonNullElse(url.getRawPath(), "");
            }
            return mediaType + ", " + Objects.requireNonNull(bytes).length + " bytes";
        }
    }
}
