#!/usr/bin/env bash
# Makes the river grid of the built-in river model ('reservoir') and its maps, with CDO, NCO
# and Python's netCDF4:
#   the river grid: a regular lat-lon grid (default 1 degree) with the real topography of that
#     resolution (cdo -topo) as `topo` (m); cells below sea level are ocean, where rivers end;
#     the model derives its D8 flow directions from `topo` when it starts;
#   lnd2rof: land runoff from the atmosphere/land grid (default T62) to the river grid,
#     conservative (ncremap -a nco);
#   rof2ocn: river discharge from each ocean cell of the river grid to the nearest ocean point
#     of the ocean grid (cdo gennn; the few river ocean cells cdo leaves without a neighbour get
#     theirs by great-circle distance here), in ESMF format, with weights area_a / area_b so that
#     the discharge (kg/s) arriving in the ocean equals what leaves the rivers.
#
# Usage: mapping-weights/make-river.sh [ATM [RIV [OCN [OUTDIR]]]]
#   ATM: T31 | T42 | T62 | T85 (default T62)     RIV: 1deg | 0.5deg (default 1deg)
#   OCN: the ocean grid of make-weights.sh (default 1deg; OUTDIR must hold grid_OCN_ocean.nc)
#   OUTDIR: where to write (default: this folder)
# Files written: grid_RIV_river.nc, map_lnd_ATM_to_rof_RIV_aave.nc, map_rof_RIV_to_ocn_OCN_nn.nc
# Needs: nco, cdo, python3-netcdf4 (apt-get install nco cdo python3-netcdf4); the Python is
# /usr/bin/python3, the system's, unless PYTHON names another.
set -euo pipefail
atm="${1:-T62}"
riv="${2:-1deg}"
ocn="${3:-1deg}"
out="${4:-$(cd "$(dirname "$0")" && pwd)}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

source "$(dirname "$0")/grids.sh"
atmosphere_grid "$atm" >/dev/null || exit 2
case "$riv" in
    1deg | 0.5deg) read -r nlat nlon <<< "$(latlon_size "$riv")" ;;
    *) echo "unknown river grid $riv (1deg, 0.5deg)" >&2; exit 2 ;;
esac
ocn_size="$(latlon_size "$ocn")" || exit 2
read -r ocn_nlat ocn_nlon <<< "$ocn_size"
ocean_grid="$out/grid_${ocn}_ocean.nc"
[ -f "$ocean_grid" ] || { echo "no ocean grid $ocean_grid: run make-weights.sh $atm $ocn first" >&2; exit 2; }

echo "river grid $riv with topography; land runoff from $atm; discharge to the $ocn ocean"
gaussian_grid "$atm" "$work/grid_atm.nc"
ncremap -G "ttl=$riv river#latlon=$nlat,$nlon#lat_typ=uni#lon_typ=grn_ctr" -g "$work/grid_rof.nc" >/dev/null
add_topography "$nlat" "$nlon" "$work/grid_rof.nc" "$work"
ncatted -O -a long_name,topo,o,c,"surface elevation (cdo -topo)" "$work/grid_rof.nc"

ncremap -a nco -s "$work/grid_atm.nc" -g "$work/grid_rof.nc" -m "$work/l2r_aave.nc" >/dev/null

# Nearest ocean point of each river ocean cell: cdo gennn from the ocean's ocean points (the
# others missing) to the river grid, then turned around and written in ESMF format.
# The ocean's points as make-weights.sh masks them: topography of the ocean's resolution below 0.
cdo -s -f nc -setctomiss,0 -ltc,0 -topo,r${ocn_nlon}x${ocn_nlat} "$work/ocean_points.nc"
cdo -s gennn,"$work/grid_rof.nc" "$work/ocean_points.nc" "$work/nn.nc"
"${PYTHON:-/usr/bin/python3}" - "$work/grid_rof.nc" "$ocean_grid" "$work/nn.nc" "$work/r2o_nn.nc" <<'PYTHON'
import sys
import netCDF4
import numpy as np

river_path, ocean_path, nn_path, out_path = sys.argv[1:]
river, ocean, nn = (netCDF4.Dataset(p) for p in (river_path, ocean_path, nn_path))

def centres(grid):
    lon, lat = (np.radians(np.asarray(grid[v][:], dtype=np.float64)) for v in ("grid_center_lon", "grid_center_lat"))
    return lon, lat, np.stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)], axis=1)

r_lon, r_lat, r_xyz = centres(river)
o_lon, o_lat, o_xyz = centres(ocean)
r_area, o_area = (np.asarray(g["grid_area"][:], dtype=np.float64) for g in (river, ocean))
o_mask = np.asarray(ocean["grid_imask"][:]) > 0
river_ocean = np.asarray(river["topo"][:]) < 0
if not o_mask.any():
    sys.exit(f"{ocean_path}: the ocean grid has no ocean point")

nearest = np.full(r_area.size, -1, dtype=np.int64)
src, dst = np.asarray(nn["src_address"][:]) - 1, np.asarray(nn["dst_address"][:]) - 1
found = o_mask[src]
nearest[dst[found]] = src[found]
missing = np.where(river_ocean & (nearest < 0))[0]
ocean_points = np.where(o_mask)[0]
for chunk in np.array_split(missing, max(1, missing.size // 2000)):
    if chunk.size:
        nearest[chunk] = ocean_points[np.argmax(r_xyz[chunk] @ o_xyz[ocean_points].T, axis=1)]
print(f"rof2ocn: {river_ocean.sum()} river ocean cells, {missing.size} placed by distance after cdo gennn")

cells = np.where(river_ocean)[0]
rows = nearest[cells]
with netCDF4.Dataset(out_path, "w") as f:
    f.createDimension("n_a", r_area.size)
    f.createDimension("n_b", o_area.size)
    f.createDimension("n_s", cells.size)
    f.createDimension("src_grid_rank", 2)
    f.createDimension("dst_grid_rank", 2)
    f.title = "nearest ocean point of each river ocean cell (coupled-driver make-river.sh)"
    f.map_method = "nearest ocean point, conservative (S = area_a / area_b)"
    f.createVariable("src_grid_dims", "i4", ("src_grid_rank",))[:] = np.asarray(river["grid_dims"][:])
    f.createVariable("dst_grid_dims", "i4", ("dst_grid_rank",))[:] = np.asarray(ocean["grid_dims"][:])
    for name, values in (("S", r_area[cells] / o_area[rows]), ("row", rows + 1), ("col", cells + 1)):
        f.createVariable(name, "f8" if name == "S" else "i4", ("n_s",))[:] = values
    for side, dim, lon, lat, area, mask in (("a", "n_a", r_lon, r_lat, r_area, np.ones(r_area.size)),
                                            ("b", "n_b", o_lon, o_lat, o_area, o_mask.astype(np.float64))):
        for name, values in (("xc", np.degrees(lon)), ("yc", np.degrees(lat)), ("area", area), ("frac", mask)):
            v = f.createVariable(f"{name}_{side}", "f8", (dim,))
            v[:] = values
            if name in ("xc", "yc"):
                v.units = "degrees"
        f.createVariable(f"mask_{side}", "i4", (dim,))[:] = mask.astype(np.int32)
PYTHON

ncks -O -4 -L 6 -C -x -v grid_corner_lat,grid_corner_lon "$work/grid_rof.nc" "$out/grid_${riv}_river.nc"
ncks -O -4 -L 6 -C -x -v xv_a,yv_a,xv_b,yv_b "$work/l2r_aave.nc" "$out/map_lnd_${atm}_to_rof_${riv}_aave.nc"
ncks -O -4 -L 6 "$work/r2o_nn.nc" "$out/map_rof_${riv}_to_ocn_${ocn}_nn.nc"
ls -l "$out/grid_${riv}_river.nc" "$out/map_lnd_${atm}_to_rof_${riv}_aave.nc" "$out/map_rof_${riv}_to_ocn_${ocn}_nn.nc"
