package dev.invoicekit.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;
import org.immutables.value.Value.Style.ImplementationVisibility;

/**
 * {@link InvoiceKitStyle} for a value whose builder is written by hand (the invoice's, which takes
 * the content's fields too): Immutables makes no builder, only {@code of(...)} from the
 * {@code @Value.Parameter} attributes and the {@code with*} copies. Source retention, as
 * {@link InvoiceKitStyle}: only core's own compilation reads it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.SOURCE)
@Value.Style(
    visibility = ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    jdkOnly = true,
    allowedClasspathAnnotations = {Override.class},
    defaults = @Value.Immutable(copy = true, builder = false),
    depluralize = true)
public @interface HandWrittenBuilderStyle {}
