package dev.invoicekit.money;

/**
 * Where tax is rounded to the currency's scale.
 */
public enum TaxRounding {
  /**
   * Once per (tax category, rate) group on the group's taxable amount: EN 16931 BR-CO-17, the
   * default.
   */
  PER_GROUP,
  /**
   * Once per line, per document allowance or charge and per share of the overall discount; the
   * group's tax is the sum of those rounded amounts. Some jurisdictions and ERPs require it;
   * EN 16931 does not (CEN issue #143).
   */
  PER_LINE
}
