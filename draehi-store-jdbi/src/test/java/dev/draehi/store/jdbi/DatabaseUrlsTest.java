package dev.draehi.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.draehi.ValidationException;
import org.junit.jupiter.api.Test;

class DatabaseUrlsTest {
    @Test
    void seedFormBecomesJdbcWithCredentialsApart() {
        DatabaseUrls.Jdbc j =
                DatabaseUrls.parse("postgresql://ada:p%40ss@db.example:6543/notes?sslmode=require");
        assertThat(j.url()).isEqualTo("jdbc:postgresql://db.example:6543/notes?sslmode=require");
        assertThat(j.user()).isEqualTo("ada");
        assertThat(j.password()).isEqualTo("p@ss");
        assertThat(j.describe()).isEqualTo("db.example:6543/notes");
        assertThat(j.toString()).doesNotContain("p@ss").doesNotContain("p%40ss");
    }

    @Test
    void postgresSchemeAndDefaultPortAreAccepted() {
        DatabaseUrls.Jdbc j = DatabaseUrls.parse("postgres://u@localhost/db");
        assertThat(j.url()).isEqualTo("jdbc:postgresql://localhost:5432/db");
        assertThat(j.user()).isEqualTo("u");
        assertThat(j.password()).isNull();
    }

    @Test
    void jdbcUrlIsKeptAndDescribed() {
        DatabaseUrls.Jdbc j =
                DatabaseUrls.parse(
                        "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&password=hunter2");
        assertThat(j.url()).startsWith("jdbc:postgresql://127.0.0.1:5432/test");
        assertThat(j.user()).isEqualTo("postgres");
        assertThat(j.password()).isEqualTo("hunter2");
        assertThat(j.describe()).isEqualTo("127.0.0.1:5432/test");
        assertThat(j.toString()).doesNotContain("hunter2");
    }

    @Test
    void maskHidesPasswordsInBothForms() {
        assertThat(DatabaseUrls.mask("postgresql://ada:s3cret@h:1/d"))
                .isEqualTo("postgresql://ada:***@h:1/d");
        assertThat(DatabaseUrls.mask("jdbc:postgresql://h/d?user=a&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://h/d?user=a&password=***&ssl=true");
    }

    @Test
    void otherUrlsAreRejectedWithoutShowingThePassword() {
        assertThatThrownBy(() -> DatabaseUrls.parse("mysql://root:s3cret@h/d"))
                .isInstanceOf(ValidationException.class)
                .hasMessageNotContaining("s3cret");
    }
}
