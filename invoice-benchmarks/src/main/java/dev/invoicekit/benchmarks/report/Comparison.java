package dev.invoicekit.benchmarks.report;

import java.util.List;
import java.util.Map;

/**
 * One line of the results table: a contender's score against its baseline's, and the issue's
 * target for the ratio.
 *
 * @param id the benchmark id, such as "P4"
 * @param what what is measured, in words
 * @param contender the contender's benchmark method and parameters
 * @param baseline the baseline's benchmark method and parameters
 * @param target the target
 */
public record Comparison(String id, String what, Measured contender, Measured baseline,
    Target target) {

  /**
   * A benchmark method with fixed parameters.
   *
   * @param label how the table names it
   * @param benchmark the simple class name and method, such as "P1TotalsBenchmark.invoiceKit"
   * @param params the JMH parameters that select the run, such as lines=10
   */
  public record Measured(String label, String benchmark, Map<String, String> params) {

    /**
     * A benchmark without parameters.
     *
     * @param label how the table names it
     * @param benchmark class and method
     * @return the measured
     */
    public static Measured of(String label, String benchmark) {
      return new Measured(label, benchmark, Map.of());
    }

    /**
     * A benchmark with one parameter.
     *
     * @param label how the table names it
     * @param benchmark class and method
     * @param param the parameter name
     * @param value its value
     * @return the measured
     */
    public static Measured of(String label, String benchmark, String param, String value) {
      return new Measured(label, benchmark, Map.of(param, value));
    }
  }

  /**
   * What the ratio must be. A speed target compares throughput (higher is better: the contender's
   * throughput over the baseline's); a time target compares time (lower is better: the
   * contender's time over the baseline's).
   *
   * @param speed true for "at least this fraction of the baseline's throughput"
   * @param bound the limit
   */
  public record Target(boolean speed, double bound) {

    /** At least {@code bound} times the baseline's throughput. */
    public static Target atLeast(double bound) {
      return new Target(true, bound);
    }

    /** At most {@code bound} times the baseline's time. */
    public static Target atMost(double bound) {
      return new Target(false, bound);
    }

    boolean met(double ratio) {
      return speed ? ratio >= bound : ratio <= bound;
    }

    String text() {
      return (speed ? "≥ " : "≤ ") + Report.number(bound) + "x " + (speed ? "speed" : "time");
    }
  }

  /** Every comparison the issue asks for, in the order. */
  public static List<Comparison> all() {
    List<Comparison> all = new java.util.ArrayList<>();
    for (String lines : List.of("1", "10", "100")) {
      String what = "totals, " + lines + (lines.equals("1") ? " line" : " lines");
      all.add(new Comparison("P1", what,
          Measured.of("InvoiceKit calculator", "P1TotalsBenchmark.invoiceKit", "lines", lines),
          Measured.of("hand-written BigDecimal", "P1TotalsBenchmark.bigDecimal", "lines", lines),
          Target.atMost(2.5)));
      all.add(new Comparison("P1", what,
          Measured.of("InvoiceKit calculator", "P1TotalsBenchmark.invoiceKit", "lines", lines),
          Measured.of("hand-written Joda-Money", "P1TotalsBenchmark.jodaMoney", "lines", lines),
          Target.atMost(1.3)));
    }
    all.add(new Comparison("P2", "create, send, two payments",
        Measured.of("InvoiceService, in-memory ports", "P2LifecycleBenchmark.throughService"),
        Measured.of("InvoiceLifecycle on the values", "P2LifecycleBenchmark.onValues"),
        Target.atMost(1.5)));
    for (String threads : List.of("1", "16")) {
      all.add(new Comparison("P3", "payment end to end, " + threads
          + (threads.equals("1") ? " thread" : " threads"),
          Measured.of("recordPayment with a key", "P3PaymentBenchmark.service" + threads),
          Measured.of("hand-written JDBC transaction", "P3PaymentBenchmark.plainJdbc" + threads),
          Target.atLeast(0.9)));
    }
    for (String threads : List.of("1", "4")) {
      String what = "save header + 10 lines, " + threads + (threads.equals("1") ? " thread"
          : " threads");
      all.add(new Comparison("P4", what,
          Measured.of("JdbcInvoices.save", "P4SaveBenchmark.adapter" + threads),
          Measured.of("plain JDBC", "P4SaveBenchmark.plainJdbc" + threads),
          Target.atLeast(0.8)));
      all.add(new Comparison("P4", what,
          Measured.of("JdbcInvoices.save", "P4SaveBenchmark.adapter" + threads),
          Measured.of("Hibernate persist", "P4SaveBenchmark.hibernate" + threads),
          Target.atLeast(1.3)));
    }
    all.add(new Comparison("P5", "load invoice + lines by id",
        Measured.of("JdbcInvoices.findById", "P5LoadBenchmark.adapter"),
        Measured.of("plain JDBC", "P5LoadBenchmark.plainJdbc"), Target.atLeast(0.8)));
    all.add(new Comparison("P5", "load invoice + lines by id",
        Measured.of("JdbcInvoices.findById", "P5LoadBenchmark.adapter"),
        Measured.of("Hibernate join fetch", "P5LoadBenchmark.hibernate"), Target.atLeast(2)));
    all.add(new Comparison("P6", "import 10,000 invoices",
        Measured.of("JdbcInvoices.importAll", "P6ImportBenchmark.adapter"),
        Measured.of("JDBC batch, reWriteBatchedInserts", "P6ImportBenchmark.plainJdbcBatch"),
        Target.atLeast(0.8)));
    for (String size : List.of("100000", "1000000")) {
      String of = "overdue sweep, 500 of " + String.format("%,d", Integer.parseInt(size));
      all.add(new Comparison("P7", of,
          Measured.of("sweepOverdue, with 500 events", "P7OverdueSweepBenchmark.service",
              "invoices", size),
          Measured.of("one hand-written UPDATE, no events",
              "P7OverdueSweepBenchmark.handWrittenUpdate", "invoices", size),
          Target.atMost(1.5)));
      all.add(new Comparison("P7", of,
          Measured.of("markOverdue in batches, no events", "P7OverdueSweepBenchmark.adapter",
              "invoices", size),
          Measured.of("one hand-written UPDATE, no events",
              "P7OverdueSweepBenchmark.handWrittenUpdate", "invoices", size),
          Target.atMost(1.5)));
      all.add(new Comparison("P7", of,
          Measured.of("sweepOverdue, with 500 events", "P7OverdueSweepBenchmark.service",
              "invoices", size),
          Measured.of("UPDATE ... RETURNING, set-based INSERT of 500 events",
              "P7OverdueSweepBenchmark.handWrittenWithEvents", "invoices", size),
          Target.atMost(1.3)));
    }
    all.add(new Comparison("P7", "sweep cost, 1,000,000 vs 100,000 invoices",
        Measured.of("sweepOverdue, 1,000,000", "P7OverdueSweepBenchmark.service", "invoices",
            "1000000"),
        Measured.of("sweepOverdue, 100,000", "P7OverdueSweepBenchmark.service", "invoices",
            "100000"),
        Target.atMost(1.5)));
    all.add(new Comparison("P7", "find by number, 1,000,000 vs 100,000 invoices",
        Measured.of("findByNumber, 1,000,000", "P7ScalingReadsBenchmark.findByNumber",
            "invoices", "1000000"),
        Measured.of("findByNumber, 100,000", "P7ScalingReadsBenchmark.findByNumber", "invoices",
            "100000"),
        Target.atMost(1.2)));
    all.add(new Comparison("P7", "keyset page of 10 of an account, 1,000,000 vs 100,000",
        Measured.of("findByAccount, 1,000,000", "P7ScalingReadsBenchmark.accountPage",
            "invoices", "1000000"),
        Measured.of("findByAccount, 100,000", "P7ScalingReadsBenchmark.accountPage", "invoices",
            "100000"),
        Target.atMost(1.2)));
    for (String relays : List.of("1", "2")) {
      all.add(new Comparison("P8", "deliver 2,000 events, " + relays
          + (relays.equals("1") ? " relay" : " relays side by side"),
          Measured.of("OutboxRelay", "P8RelayBenchmark.kit" + relays),
          Measured.of("hand-written SKIP LOCKED relay", "P8RelayBenchmark.handWritten" + relays),
          Target.atLeast(0.8)));
    }
    all.add(new Comparison("P9", "gapless number, 4 threads",
        Measured.of("JdbcNumbering.next", "P9NumberingBenchmark.adapter"),
        Measured.of("counter-row UPDATE", "P9NumberingBenchmark.counterRowUpdate"),
        Target.atLeast(0.8)));
    return all;
  }
}
