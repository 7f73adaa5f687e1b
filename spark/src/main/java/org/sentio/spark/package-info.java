/**
 * The archive job: analyses many recordings on Apache Spark with the same pipeline and models as
 * {@code sentio analyze}, and writes Parquet tables, one session JSON per file and a summary.
 */
package org.sentio.spark;
