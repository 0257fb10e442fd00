package dev.invoicekit.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invoicekit.jdbc.Dialect;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every statement the adapter runs names its tenant, so that a tenant-distributed engine (Citus)
 * routes it to the one shard that holds the tenant: a statement that reads, changes or deletes rows
 * of a table filters that table by {@code tenant_id = ?} (each branch of a union, each subquery),
 * and an INSERT gives {@code tenant_id} as its first column. The statements are read from
 * {@link Sql}, where they live, by reflection: every String constant and every String (or
 * Optional String) that a non-private static method returns, for every dialect and for one and
 * for several placeholders. A second test makes sure no other class of the adapter's main sources
 * holds SQL of its own.
 *
 * <p>Statements that are by nature cross-tenant are listed in {@link #CROSS_TENANT}, each with
 * the reason and what it means on a distributed engine; a listed statement that has since learnt
 * to filter by tenant, or no longer exists, fails the test, so the list stays exact.
 */
class SqlFiltersByTenantTest {

  /**
   * The statements (a constant's name, or a method's name for every statement it returns) that
   * read or write across tenants, and why.
   */
  private static final Map<String, String> CROSS_TENANT = Map.of(
      "CLAIM_OUTBOX_EVENTS", "the outbox relay claims the due events of every tenant: one relay"
          + " serves the whole database; on Citus a multi-shard SELECT ... FOR UPDATE, which Citus"
          + " refuses (docs/SCALING.md)",
      "COUNT_OUTBOX_BY_STATE", "the relay's monitoring counts (pendingCount, parkedCount) over all"
          + " tenants; a plain multi-shard aggregate",
      "nextSequenceValue", "gaps-allowed numbering draws from one sequence shared by every tenant"
          + " (unique across all of them by definition); runs on the coordinator",
      "DELETE_SEQUENCE_ROW", "keeps the MariaDB AUTO_INCREMENT table that stands in for that"
          + " sequence empty",
      "createSchemaHistory", "the schema installer's own table, one per database",
      "SELECT_SCHEMA_HISTORY", "the schema installer reads which scripts it ran",
      "INSERT_SCHEMA_HISTORY", "the schema installer records a script it ran",
      "lockSchema", "the schema installer's database-wide lock (advisory or named)",
      "unlockSchema", "releases the schema installer's lock");

  private static final Pattern STATEMENT = Pattern.compile(
      "^(SELECT|INSERT|UPDATE|DELETE|MERGE|WITH|CREATE|ALTER|DROP|LOCK|SET|CALL|TRUNCATE)\\b");

  /** A table the statement reads or writes: FROM, JOIN, UPDATE, INTO, TABLE. */
  private static final Pattern TABLE =
      Pattern.compile("\\b(FROM|JOIN|UPDATE|INTO|TABLE)\\s+(ik_[a-z_]+)\\b");

  private static final Pattern TENANT_FILTER = Pattern.compile("\\btenant_id\\s*=\\s*\\?");

  @Test
  void everyStatementOfTheAdapterFiltersByTenantOrIsAListedCrossTenantOne() throws Exception {
    Map<String, List<String>> statements = statements();
    assertThat(statements).as("statements read from Sql").hasSizeGreaterThan(30);
    List<String> violations = new ArrayList<>();
    Set<String> crossTenantSeen = new TreeSet<>();
    int checked = 0;
    for (Map.Entry<String, List<String>> entry : statements.entrySet()) {
      String name = entry.getKey();
      for (String sql : entry.getValue()) {
        checked++;
        Optional<String> problem = tenantProblem(sql);
        if (CROSS_TENANT.containsKey(name)) {
          if (problem.isPresent()) {
            crossTenantSeen.add(name);
          } else {
            violations.add(name + " is listed as cross-tenant but filters by tenant now: " + sql);
          }
        } else {
          problem.ifPresent(p -> violations.add(name + ": " + p + ": " + sql));
        }
      }
    }
    assertThat(violations).as("statements that do not name their tenant").isEmpty();
    assertThat(crossTenantSeen).as("listed cross-tenant statements found in Sql")
        .containsExactlyInAnyOrderElementsOf(CROSS_TENANT.keySet());
    assertThat(checked).isGreaterThan(statements.size());
  }

  @Test
  void noOtherClassOfTheAdapterHoldsSqlOfItsOwn() throws IOException {
    Path sources = Path.of(System.getProperty("basedir", "."), "src", "main", "java");
    assertThat(sources.resolve("dev/invoicekit/jdbc/internal/Sql.java")).as("the adapter's main"
        + " sources, from the module's directory").exists();
    Pattern literal = Pattern.compile("\"(SELECT|INSERT|UPDATE|DELETE|MERGE|WITH|CREATE|ALTER"
        + "|DROP|LOCK|SET|CALL|TRUNCATE) ");
    List<String> found = new ArrayList<>();
    int files = 0;
    try (Stream<Path> paths = Files.walk(sources)) {
      for (Path file : paths.filter(p -> p.toString().endsWith(".java")).toList()) {
        if (file.endsWith(Path.of("internal", "Sql.java"))) {
          continue;
        }
        files++;
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
          if (literal.matcher(lines.get(i)).find()) {
            found.add(sources.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).trim());
          }
        }
      }
    }
    assertThat(files).as("main source files read").isGreaterThan(10);
    assertThat(found).as("SQL outside Sql.java").isEmpty();
  }

  /** Why the statement does not name its tenant, or empty if it does. */
  private static Optional<String> tenantProblem(String sql) {
    String text = sql.replaceAll("\\s+", " ").trim();
    Matcher table = TABLE.matcher(text);
    List<int[]> references = new ArrayList<>();
    List<String> names = new ArrayList<>();
    while (table.find()) {
      references.add(new int[] {table.start(), table.end()});
      names.add(table.group(1) + " " + table.group(2));
    }
    if (references.isEmpty()) {
      return Optional.of("reads or writes no table of the schema by name");
    }
    for (int i = 0; i < references.size(); i++) {
      int end = i + 1 < references.size() ? references.get(i + 1)[0] : text.length();
      String after = text.substring(references.get(i)[1], end);
      if (names.get(i).startsWith("INTO ")) {
        if (!after.trim().startsWith("(tenant_id,") && !after.trim().startsWith("(tenant_id)")) {
          return Optional.of(names.get(i) + " does not give tenant_id as its first column");
        }
      } else if (names.get(i).startsWith("TABLE ")) {
        return Optional.of("defines " + names.get(i).substring(6));
      } else if (!TENANT_FILTER.matcher(after).find()) {
        return Optional.of(names.get(i) + " is not filtered by tenant_id = ?");
      }
    }
    return Optional.empty();
  }

  /**
   * Every statement of {@link Sql}, by the constant's or the method's name: String constants
   * that are statements, and what non-private static methods return for every dialect and for 1
   * and 3 placeholders. A constant that is no statement but names a table fails here.
   */
  private static Map<String, List<String>> statements() throws IllegalAccessException {
    Map<String, List<String>> statements = new LinkedHashMap<>();
    for (Field field : Sql.class.getDeclaredFields()) {
      if (!Modifier.isStatic(field.getModifiers()) || field.getType() != String.class) {
        continue;
      }
      field.setAccessible(true);
      String value = (String) field.get(null);
      if (STATEMENT.matcher(value).find()) {
        statements.put(field.getName(), List.of(value));
      } else {
        // A piece of statements (a column list, a table name, a lock's key), never run alone.
        assertThat(TABLE.matcher(value).find()).as("Sql.%s names a table but is no statement: %s",
            field.getName(), value).isFalse();
      }
    }
    for (Method method : Sql.class.getDeclaredMethods()) {
      if (!Modifier.isStatic(method.getModifiers()) || Modifier.isPrivate(method.getModifiers())
          || method.isSynthetic()) {
        continue;
      }
      boolean returnsSql = method.getReturnType() == String.class
          || method.getReturnType() == Optional.class;
      if (!returnsSql) {
        continue;
      }
      List<String> returned = new ArrayList<>();
      for (Object[] arguments : samples(method)) {
        Object result;
        try {
          result = method.invoke(null, arguments);
        } catch (InvocationTargetException e) {
          // A dialect without such a statement: nothing the adapter runs.
          continue;
        }
        if (result instanceof Optional<?> optional) {
          result = optional.orElse(null);
        }
        if (result instanceof String sql) {
          returned.add(sql);
        }
      }
      assertThat(returned).as("statements of Sql.%s", method.getName()).isNotEmpty();
      statements.put(method.getName(), returned);
    }
    return statements;
  }

  /** Arguments for every combination of the method's parameters: dialects, placeholders. */
  private static List<Object[]> samples(Method method) {
    List<Object[]> combinations = new ArrayList<>();
    combinations.add(new Object[0]);
    for (Class<?> type : method.getParameterTypes()) {
      List<Object> values;
      if (type == Dialect.class) {
        values = List.of((Object[]) Dialect.values());
      } else if (type == int.class) {
        values = List.of(1, 3);
      } else {
        throw new AssertionError("Sql." + method.getName() + " takes a " + type.getName()
            + ": give this test sample values for it");
      }
      List<Object[]> longer = new ArrayList<>();
      for (Object[] combination : combinations) {
        for (Object value : values) {
          Object[] next = Arrays.copyOf(combination, combination.length + 1);
          next[combination.length] = value;
          longer.add(next);
        }
      }
      combinations = longer;
    }
    return combinations;
  }
}
