package dev.invoicekit.jdbc.reliability;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** A second, separate data source on the same database, as a second application instance has. */
final class SecondPool {

  private SecondPool() {}

  static DataSource on(DataSource first) {
    if (first instanceof JdbcDataSource h2) {
      JdbcDataSource second = new JdbcDataSource();
      second.setURL(h2.getURL());
      return second;
    }
    if (first instanceof PGSimpleDataSource postgres) {
      PGSimpleDataSource second = new PGSimpleDataSource();
      second.setURL(postgres.getURL());
      second.setUser(postgres.getUser());
      second.setPassword(postgres.getPassword());
      return second;
    }
    if (first instanceof MariaDbDataSource mariadb) {
      try {
        return new MariaDbDataSource(mariadb.getUrl());
      } catch (SQLException e) {
        throw new IllegalStateException("Cannot open a second MariaDB data source", e);
      }
    }
    throw new IllegalArgumentException("No second pool for " + first.getClass().getName());
  }
}
