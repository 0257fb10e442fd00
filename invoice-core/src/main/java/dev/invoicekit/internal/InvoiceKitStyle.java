package dev.invoicekit.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;
import org.immutables.value.Value.Style.ImplementationVisibility;

/**
 * The one Immutables style of the library: generated implementations stay package-private, users
 * write {@code new Invoice.Builder()} and {@code invoice.withDueDate(...)}, never {@code Immutable*}.
 */
@Target({ElementType.PACKAGE, ElementType.TYPE})
@Retention(RetentionPolicy.CLASS)
@Value.Style(
    visibility = ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    jdkOnly = true,
    defaults = @Value.Immutable(copy = true),
    depluralize = true,
    builderVisibility = Value.Style.BuilderVisibility.PUBLIC)
public @interface InvoiceKitStyle {}
