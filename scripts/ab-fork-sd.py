#!/usr/bin/env python3
import json,sys,math,statistics,glob,os
# usage: ab-fork-sd.py RUN_DIR (an ab results folder): per side and data set, the median over subsections of the fork-to-fork SD
# of fork levels (mean of log samples, %), and the median level ratio current/baseline.
run=sys.argv[1]
def levels(side,ds):
    d=json.load(open(f'{run}/{side}/{ds}.json')); m=json.load(open(f'{run}/{side}/{ds}.meta.json'))['forks']
    out={}
    for sec,subs in d.items():
        for sub,samples in subs.items():
            i=0; lv=[]
            for f in m[sec][sub]:
                chunk=samples[i:i+f['samples']]; i+=f['samples']
                lv.append(statistics.fmean(math.log(x) for x in chunk if x>0))
            out[(sec,sub)]=lv
    return out
for path in sorted(glob.glob(f'{run}/baseline/*.json')):
    ds=os.path.basename(path)[:-5]
    if ds.endswith('.meta'): continue
    b=levels('baseline',ds); c=levels('current',ds)
    sdb=statistics.median(100*statistics.stdev(v) for v in b.values() if len(v)>1)
    sdc=statistics.median(100*statistics.stdev(v) for v in c.values() if len(v)>1)
    ratio=statistics.median(100*(math.exp(statistics.fmean(c[k])-statistics.fmean(b[k]))-1) for k in b if k in c)
    print(f'{ds:24s} fork SD baseline {sdb:5.1f} %  current {sdc:5.1f} %   level current vs baseline {ratio:+.1f} %  ({len(b)} subsections, {len(next(iter(b.values())))} forks)')
