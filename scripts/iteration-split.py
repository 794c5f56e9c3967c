#!/usr/bin/env python3
import json,sys,math,statistics as st,glob,os,random
random.seed(5)
# How to split a fork's time between iterations and forks (Kalibera and Jones, ISMM 2013), from a
# baseline folder's forks: per subsection, the variance a fork's level gets from its iterations
# (random half-splits of its samples, 20 per fork) and the rest, between forks; then per benchmark
# (medians) the iterations per fork that minimise variance x time, and what that would save.
# Usage: scripts/iteration-split.py GT_FOLDER FORK_COST_S ITERATION_COST_S
#   e.g. scripts/iteration-split.py gt/accessor_benchmarks/linux-amd64-2cpu-jdk17 0.61 0.0056
def tm(xs):
    r=sorted(xs); k=int(len(r)*0.1); return st.mean(r[k:len(r)-k])
d=sys.argv[1]; c_fork=float(sys.argv[2]); c_iter=float(sys.argv[3])
out={}
for f in sorted(glob.glob(d+'/*.meta.json')):
    b=os.path.basename(f)[:-10]
    data=json.load(open(f'{d}/{b}.json')); m=json.load(open(f))
    for sec in data:
        for sub,s in data[sec].items():
            i=0; levels=[]; halves=[]
            for fk in m['forks'][sec][sub]:
                n=fk['samples']; xs=s[i:i+n]; i+=n
                if fk.get('confirmation'): continue
                cal=fk.get('calibration_ns') or [1]*n
                r=[x/c for x,c in zip(xs,cal)]
                levels.append(math.log(tm(r)))
                hs=[]
                for _ in range(20):
                    idx=list(range(len(r))); random.shuffle(idx); a=[r[j] for j in idx[:len(r)//2]]; bb=[r[j] for j in idx[len(r)//2:]]
                    hs.append((math.log(tm(a))-math.log(tm(bb)))**2)
                halves.append(math.sqrt(st.mean(hs)))
            if len(levels)<3: continue
            n=len(r)
            w=st.mean([h*h for h in halves])/4  # variance of a fork level from its iterations
            tot=st.variance(levels)
            out.setdefault(b,[]).append((tot,w,n))
print('%-24s %8s %8s %8s %6s %8s'%('benchmark','forkSD%','iterSD%','betwSD%','n_opt','saves%'))
for b,v in out.items():
    tot=st.median([x[0] for x in v]); w=st.median([x[1] for x in v]); n=v[0][2]
    if w >= tot:
        # Half-splits vary more than whole forks do: samples within a fork switch between speeds,
        # and a trimmed mean of half of them jumps; the split cannot be read from these forks.
        print('%-24s %8.1f %8.2f %8s %6s %8s'%(b,100*math.sqrt(tot),100*math.sqrt(w),'n/a','n/a','n/a'))
        continue
    between=tot-w
    s2w=w*n  # per-iteration variance (as if independent)
    nopt=math.sqrt(c_fork*s2w/(c_iter*between))
    def cost(k): return (between+s2w/k)*(c_fork+k*c_iter)
    gain=100*(1-cost(max(1,round(nopt)))/cost(n))
    print('%-24s %8.1f %8.2f %8.1f %6.1f %8.1f'%(b,100*math.sqrt(tot),100*math.sqrt(w),100*math.sqrt(between),nopt,gain))
