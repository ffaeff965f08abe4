#!/usr/bin/env python3
"""Write N varied batch rows (every route, ~3% forbidden, Chinese words) to standard output,
for measuring `fanplan batch` on large files: python3 benches/gen_accounts.py 1000000 > /tmp/1m.csv
The same N always gives the same file, and a smaller N gives a prefix of a larger one."""
import random
import sys

n = int(sys.argv[1])
random.seed(1)
kinds = ["subscription", "service", "订阅号", "服务号"]
subjects = ["enterprise", "personal", "government", "media", "企业"]
w = sys.stdout
w.write("id,source_kind,source_subject,target_kind,target_subject,cross_entity,target_verified,"
        "followers,target_followers,overlap,daily_growth,notary_fee_min,notary_fee_max,"
        "value_per_follower,start_date\n")
for i in range(n):
    k = random.choice(kinds)
    s = random.choice(subjects)
    ce = random.choice(["", "", "yes", "no"])
    tv = random.choice(["", "", "", "no"]) if random.random() < 0.05 else ""
    tk = "service" if random.random() < 0.03 else ""
    w.write(f"acc-{i:07d},{k},{s},{tk},,{ce},{tv},{random.randint(100, 2_000_000)},"
            f"{random.choice(['', random.randint(0, 500000)])},{random.choice(['', '0.1', '5%'])},"
            f"{random.choice(['', '0.001'])},,,{random.choice(['', '0.8', '2'])},2026-12-07\n")
