#!/bin/bash
# usage: run.sh N pattern
# old.test and new.test: go test -c ./bench at the parent commit and at the change.
cd "$(dirname "$0")"
N=$1; PAT=$2
rm -f old.txt new.txt
for i in $(seq $N); do
  for v in old new; do
    ./$v.test -test.run '^$' -test.bench "$PAT" -test.benchtime 100ms -test.count 1 -framebench.writepolicy writev >> $v.txt 2>&1
  done
done
echo done > done
