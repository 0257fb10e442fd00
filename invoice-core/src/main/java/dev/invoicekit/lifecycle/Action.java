package dev.invoicekit.lifecycle;

/** What a command attempts; the lifecycle's table says in which statuses each is allowed. */
public enum Action {
  /** Change a draft's content: lines, dates, parties, discount, tax, notes, terms. */
  EDIT("edit"),
  /** Issue the invoice: number it and freeze its content. */
  SEND("send"),
  /** Abandon a draft. */
  CANCEL("cancel"),
  /** Record money received. */
  RECORD_PAYMENT("record a payment on"),
  /** Give money back, or reverse a payment. */
  REFUND("refund"),
  /** Mark an invoice whose due date has passed with a balance. */
  MARK_OVERDUE("mark overdue"),
  /** Withdraw a sent invoice on which nothing was paid. */
  VOID("void"),
  /** Reduce the invoice by an issued credit note. */
  CREDIT("credit"),
  /** Close the remaining balance as uncollectible. */
  WRITE_OFF("write off"),
  /** Settle part of the balance with the account's credit. */
  APPLY_ACCOUNT_CREDIT("apply account credit to");

  private final String verb;

  Action(String verb) {
    this.verb = verb;
  }

  /**
   * The action as a verb phrase for messages, such as "record a payment on".
   *
   * @return the phrase, not null
   */
  public String verb() {
    return verb;
  }
}
