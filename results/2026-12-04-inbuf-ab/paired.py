# paired.py OLD NEW [BASE]: for each cell, the ratio of (strategy / BASE)
# between the NEW and OLD binaries, paired by process: the i-th run of each
# file ran one after the other (run.sh), so each pair shares the machine's
# state. Median of the pairs with its distribution-free 95 % interval (the
# sign test's order statistics, as benchstat's).
import sys,re,statistics as st
from math import comb
def blocks(fn):
    out=[];cur={}
    for l in open(fn):
        if l.startswith('writepolicy:') and cur:
            out.append(cur);cur={}
        m=re.match(r'Benchmark\S*transport=(\S+?)/codec=\S+/strategy=(\S+?)/payload=\S+/size=(\S+?)-2\s.*?([\d.]+) MB/s',l)
        if m: cur[(m[1],m[3],m[2])]=float(m[4])
    if cur: out.append(cur)
    return out
def ci(xs,conf=0.95):
    xs=sorted(xs);n=len(xs)
    # largest k with P(Bin(n,.5) < k) <= (1-conf)/2
    a=(1-conf)/2;cum=0;k=0
    for i in range(n+1):
        p=comb(n,i)/2**n
        if cum+p>a: break
        cum+=p;k=i+1
    return xs[k-1] if k>0 else xs[0], xs[n-k] if k>0 else xs[-1]
old=blocks(sys.argv[1]);new=blocks(sys.argv[2]);base=sys.argv[3] if len(sys.argv)>3 else 'none'
keys=sorted({k for b in old for k in b if k[2]!=base})
for t,s,k in keys:
    rs=[]
    for o,nw in zip(old,new):
        try: rs.append((nw[(t,s,k)]/nw[(t,s,base)])/(o[(t,s,k)]/o[(t,s,base)]))
        except KeyError: pass
    lo,hi=ci(rs)
    print(f"{t:7s} {s:6s} {k:10s} new/old of ({k}/{base}): {st.median(rs):.3f} [{lo:.3f}, {hi:.3f}] n={len(rs)}")
