"""The same sparse multiply in scipy: y = M @ X with M a CSR matrix read from an ESMF
weights file and X dense, point-major (n_a x K, C order). Prints one JSON line."""
import json
import sys
import time

import numpy as np
from scipy.io import netcdf_file
from scipy.sparse import csr_matrix

path, fields, calls = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
with netcdf_file(path, "r", mmap=False) as f:
    rows = f.variables["row"][:].astype(np.int64) - 1
    cols = f.variables["col"][:].astype(np.int64) - 1
    weights = f.variables["S"][:].astype(np.float64)
    n_a = f.dimensions["n_a"]
    n_b = f.dimensions["n_b"]
matrix = csr_matrix((weights, (rows, cols)), shape=(n_b, n_a))
x = (np.arange(n_a * fields, dtype=np.float64) % 977) * 0.001
x = x.reshape(n_a, fields) if fields > 1 else x
samples = []
for call in range(calls + 3):
    start = time.perf_counter()
    y = matrix @ x
    elapsed = time.perf_counter() - start
    if call >= 3:
        samples.append(elapsed)
samples.sort()
print(json.dumps({"minimum": samples[0], "median": samples[len(samples) // 2], "count": len(samples)}))
