/**
 * Stability markers carried by every public type of Rill: {@link dev.rill.annotation.Stable},
 * {@link dev.rill.annotation.Evolving} and {@link dev.rill.annotation.Internal}. They live in the
 * bottom module so that every other module can use them.
 */
package dev.rill.annotation;
