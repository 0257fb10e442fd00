package dev.invoicekit.tax;

/**
 * The VAT category codes of EN 16931 (UNCL5305 subset), each with the rule its rate must follow.
 */
public enum TaxCategory {
  /** Standard rate: the rate is greater than zero. */
  S(RateRule.POSITIVE, "standard rate"),
  /** Zero rated goods: rate 0, no tax. */
  Z(RateRule.ZERO, "zero rated"),
  /** Exempt from tax: rate 0, no tax. */
  E(RateRule.ZERO, "exempt"),
  /** VAT reverse charge: rate 0, no tax; the buyer accounts for the tax. */
  AE(RateRule.ZERO, "reverse charge"),
  /** Intra-community supply (VAT exempt for EEA intra-community supply): rate 0, no tax. */
  K(RateRule.ZERO, "intra-community supply"),
  /** Free export item, tax not charged: rate 0, no tax. */
  G(RateRule.ZERO, "export outside the EU"),
  /** Services outside the scope of tax: no rate at all, no tax. */
  O(RateRule.NONE, "not subject to VAT"),
  /** Canary Islands general indirect tax (IGIC): a rate of zero or more. */
  L(RateRule.NON_NEGATIVE, "IGIC (Canary Islands)"),
  /** Tax for production, services and importation in Ceuta and Melilla (IPSI): zero or more. */
  M(RateRule.NON_NEGATIVE, "IPSI (Ceuta and Melilla)"),
  /** Transferred VAT, Italian split payment: taxed like the standard rate. */
  B(RateRule.POSITIVE, "split payment");

  /** What a category demands of its rate. */
  enum RateRule {
    POSITIVE,
    ZERO,
    NONE,
    NON_NEGATIVE
  }

  private final RateRule rateRule;
  private final String description;

  TaxCategory(RateRule rateRule, String description) {
    this.rateRule = rateRule;
    this.description = description;
  }

  /**
   * True if amounts in this category never carry tax (Z, E, AE, K, G and O), whatever any tax
   * engine says.
   *
   * @return whether the category carries no tax
   */
  public boolean carriesNoTax() {
    return rateRule == RateRule.ZERO || rateRule == RateRule.NONE;
  }

  /**
   * True for category O, which has no rate at all (BR-O-05).
   *
   * @return whether the category takes no rate
   */
  public boolean hasNoRate() {
    return rateRule == RateRule.NONE;
  }

  /**
   * A short English description such as "reverse charge".
   *
   * @return the description, not null
   */
  public String description() {
    return description;
  }

  RateRule rateRule() {
    return rateRule;
  }
}
