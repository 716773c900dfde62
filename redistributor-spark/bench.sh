#!/usr/bin/env bash
# Runs io.redistributor.spark.bench.SparkBenchmark on local[2] (see docs/spark.md, "Measuring").
# Usage: redistributor-spark/bench.sh [rows] [columns] [repetitions] [bins] [all|fit|transform] [target]   (from the repository root)
# Headline transform comparison: redistributor-spark/bench.sh 10000000 10 3 5000 transform
# Environment: BENCH_HEAP (default 8g), BENCH_JAVA_OPTS (extra JVM options, e.g. a flight recording).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -o -q -pl redistributor-spark -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=test
m=redistributor-spark
opens=""
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
         java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  opens="$opens --add-opens=java.base/$p=ALL-UNNAMED"
done
exec java -Xmx${BENCH_HEAP:-8g} ${BENCH_JAVA_OPTS:-} -XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector $opens \
  -Dio.netty.tryReflectionSetAccessible=true -Dlog4j2.configurationFile=$m/src/test/resources/log4j2-test.properties \
  -cp "$m/target/test-classes:$m/target/classes:$(cat $m/target/classpath.txt)" \
  io.redistributor.spark.bench.SparkBenchmark "$@"
