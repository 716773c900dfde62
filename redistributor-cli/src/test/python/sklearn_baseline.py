"""The CSV benchmark of docs/cli.md done with pandas and scikit-learn, for comparison.

Reads the file, fits a QuantileTransformer (5000 quantiles, normal output) to every column,
transforms them and writes the result, printing the time of each step and the library versions.
Usage: python3 sklearn_baseline.py big.csv out.csv
"""
import sys
import time

import pandas as pd
import sklearn
from sklearn.preprocessing import QuantileTransformer

src, dst = sys.argv[1], sys.argv[2]
t0 = time.perf_counter()
df = pd.read_csv(src)
t1 = time.perf_counter()
qt = QuantileTransformer(n_quantiles=5000, output_distribution="normal")
qt.fit(df.values)
t2 = time.perf_counter()
out = pd.DataFrame(qt.transform(df.values), columns=df.columns)
t3 = time.perf_counter()
out.to_csv(dst, index=False)
t4 = time.perf_counter()
print(f"pandas {pd.__version__}, scikit-learn {sklearn.__version__}, python {sys.version.split()[0]}")
print(f"read {t1 - t0:.1f} s, fit {t2 - t1:.1f} s, transform {t3 - t2:.1f} s, write {t4 - t3:.1f} s, "
      f"total {t4 - t0:.1f} s")
