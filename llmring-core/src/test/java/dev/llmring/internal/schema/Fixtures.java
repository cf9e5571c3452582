package dev.llmring.internal.schema;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Record types the schema tests describe, validate and bind. */
public final class Fixtures {
    private Fixtures() {}

    public enum Colour {
        RED,
        GREEN,
        BLUE
    }

    public record Scalars(
            String s,
            boolean b,
            Boolean bb,
            int i,
            long l,
            Integer ii,
            Long ll,
            short sh,
            byte by,
            BigInteger big,
            double d,
            float f,
            Double dd,
            BigDecimal dec) {}

    public record Address(String street, String city) {}

    public record Person(String name, int age, Address address, List<Address> previous) {}

    public record Optionals(
            Optional<String> nick,
            @Nullable Integer score,
            @Nullable Colour colour,
            Optional<Address> address,
            List<@Nullable String> tags) {}

    public record Collections(List<String> list, Set<Integer> set, String[] array, List<List<Long>> nested) {}

    public record WithMap(Map<String, Integer> counts) {}

    public record Times(
            Instant instant,
            OffsetDateTime odt,
            ZonedDateTime zdt,
            LocalDate date,
            OffsetTime time,
            Duration duration,
            UUID id,
            LocalDateTime ldt,
            LocalTime lt) {}

    public record Painted(Colour colour, List<Colour> others) {}

    public record Tree(String label, List<Tree> children) {}

    public record Department(String name, Employee head) {}

    public record Employee(String name, @Nullable Department runs) {}

    public record Company(Department main, Employee ceo) {}

    public record Positive(int n) {
        public Positive {
            if (n <= 0) throw new IllegalArgumentException("n must be positive");
        }
    }

    public record Empty() {}

    public record HasObject(Object anything) {}

    @SuppressWarnings("rawtypes")
    public record HasRawList(List items) {}

    public record Box<T>(T value) {}

    public record HasBox(Box<String> box) {}

    public record HasIntKeys(Map<Integer, String> byNumber) {}

    public record HasBytes(byte[] data) {}

    public static final class NotARecord {}
}
