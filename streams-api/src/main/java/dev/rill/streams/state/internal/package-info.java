/** Machinery shared by the DSL and the stores; not for applications. */
package dev.rill.streams.state.internal;
