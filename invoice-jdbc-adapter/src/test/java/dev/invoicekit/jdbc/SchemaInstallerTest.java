package dev.invoicekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invoicekit.jdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class SchemaInstallerTest {

  private static void assertTablesExist(DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        ResultSet rs = connection.createStatement().executeQuery(
            "SELECT COUNT(*) FROM ik_invoice")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isZero();
    }
  }

  @Test
  void installsOnH2() throws SQLException {
    DataSource dataSource = TestDatabases.h2();
    assertTablesExist(dataSource);
    assertThat(Dialect.detect(dataSource)).isEqualTo(Dialect.H2);
  }

  @Test
  void installsOnPostgres() throws SQLException {
    DataSource dataSource = TestDatabases.postgres();
    assertTablesExist(dataSource);
    assertThat(Dialect.detect(dataSource)).isEqualTo(Dialect.POSTGRESQL);
  }

  @Test
  void installsOnMariadb() throws SQLException {
    Optional<DataSource> dataSource = TestDatabases.mariadb();
    Assumptions.assumeTrue(dataSource.isPresent(), TestDatabases.mariadbSkipReason());
    assertTablesExist(dataSource.get());
    assertThat(Dialect.detect(dataSource.get())).isEqualTo(Dialect.MARIADB);
  }
}
