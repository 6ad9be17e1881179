#!/usr/bin/env bash
# Makes the grids and mapping weights of a coupled-driver configuration with NCO and CDO,
# following cpl7's conventions:
#   atmosphere and land on a Gaussian grid (default T62: 94 x 192),
#   ocean and sea ice on a regular lat-lon grid (default 1 degree) whose land mask comes from
#   real topography (cdo -topo: ocean where the elevation is below 0);
#   atm -> ocn conservative (fluxes) and bilinear (states), ocn -> atm conservative (both);
#   for a land on the ocean's resolution instead of the atmosphere's, its grid (the cells the
#   ocean mask leaves) and atm -> lnd conservative and bilinear, lnd -> atm conservative maps.
#
# Usage: mapping-weights/make-weights.sh [ATM [OCN [OUTDIR]]]
#   ATM: T31 | T42 | T62 | T85 (default T62)      OCN: 2deg | 1deg | 0.5deg | 0.25deg (default 1deg)
#   OUTDIR: where to write (default: this folder)
# Files written (names carry the grids):
#   grid_ATM.nc, grid_OCN_ocean.nc                       SCRIP grids (the ocean one masked)
#   map_ocn_OCN_to_atm_ATM_aave.nc                       ncremap -a nco (conservative)
#   map_atm_ATM_to_ocn_OCN_aave.nc                       ncremap -a nco (conservative)
#   map_atm_ATM_to_ocn_OCN_blin.nc                       cdo genbil (bilinear, SCRIP format)
#   grid_OCN_land.nc                                     the land grid: grid_imask = 1 - ocean mask
#   map_lnd_OCN_to_atm_ATM_aave.nc, map_atm_ATM_to_lnd_OCN_aave.nc, map_atm_ATM_to_lnd_OCN_blin.nc
#                                                        as the ocean's, for that land grid
# The files are reduced to what the driver reads (no cell corners) and stored as netCDF-4 with
# lossless compression. Needs: nco, cdo (apt-get install nco cdo).
set -euo pipefail
atm="${1:-T62}"
ocn="${2:-1deg}"
out="${3:-$(cd "$(dirname "$0")" && pwd)}"
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

source "$(dirname "$0")/grids.sh"
atmosphere_grid "$atm" >/dev/null || exit 2
ocn_size="$(latlon_size "$ocn")" || exit 2
read -r nlat nlon <<< "$ocn_size"

echo "grids: atmosphere/land $atm, ocean/sea ice $ocn"
gaussian_grid "$atm" "$work/grid_atm.nc"
ncremap -G "ttl=$ocn regular#latlon=$nlat,$nlon#lat_typ=uni#lon_typ=grn_ctr" -g "$work/grid_ocn.nc" >/dev/null

# The ocean mask: ocean where the topography of the same grid is below sea level.
add_topography "$nlat" "$nlon" "$work/grid_ocn.nc" "$work"
ncap2 -O -s 'grid_imask=int(topo<0.0f)' "$work/grid_ocn.nc" "$work/grid_ocn.nc"
ncks -O -x -v topo "$work/grid_ocn.nc" "$work/grid_ocn_ocean.nc"
ncap2 -O -s 'grid_imask=1-grid_imask' "$work/grid_ocn_ocean.nc" "$work/grid_ocn_land.nc"

echo "weights: conservative (ncremap) and bilinear (cdo)"
ncremap -a nco -s "$work/grid_ocn_ocean.nc" -g "$work/grid_atm.nc" -m "$work/o2a_aave.nc" >/dev/null
ncremap -a nco -s "$work/grid_atm.nc" -g "$work/grid_ocn_ocean.nc" -m "$work/a2o_aave.nc" >/dev/null
cdo -s genbil,"$work/grid_ocn_ocean.nc" -const,1,"$work/grid_atm.nc" "$work/a2o_blin.nc"
ncremap -a nco -s "$work/grid_ocn_land.nc" -g "$work/grid_atm.nc" -m "$work/l2a_aave.nc" >/dev/null
ncremap -a nco -s "$work/grid_atm.nc" -g "$work/grid_ocn_land.nc" -m "$work/a2l_aave.nc" >/dev/null
cdo -s genbil,"$work/grid_ocn_land.nc" -const,1,"$work/grid_atm.nc" "$work/a2l_blin.nc"

# Keep what the driver reads; compress losslessly.
ncks -O -4 -L 6 -C -x -v grid_corner_lat,grid_corner_lon "$work/grid_atm.nc" "$out/grid_$atm.nc"
ncks -O -4 -L 6 -C -x -v grid_corner_lat,grid_corner_lon "$work/grid_ocn_ocean.nc" "$out/grid_${ocn}_ocean.nc"
ncks -O -4 -L 6 -C -x -v xv_a,yv_a,xv_b,yv_b "$work/o2a_aave.nc" "$out/map_ocn_${ocn}_to_atm_${atm}_aave.nc"
ncks -O -4 -L 6 -C -x -v xv_a,yv_a,xv_b,yv_b "$work/a2o_aave.nc" "$out/map_atm_${atm}_to_ocn_${ocn}_aave.nc"
ncks -O -4 -L 6 -C -x -v src_grid_corner_lat,src_grid_corner_lon,dst_grid_corner_lat,dst_grid_corner_lon \
    "$work/a2o_blin.nc" "$out/map_atm_${atm}_to_ocn_${ocn}_blin.nc"
ncks -O -4 -L 6 -C -x -v grid_corner_lat,grid_corner_lon "$work/grid_ocn_land.nc" "$out/grid_${ocn}_land.nc"
ncks -O -4 -L 6 -C -x -v xv_a,yv_a,xv_b,yv_b "$work/l2a_aave.nc" "$out/map_lnd_${ocn}_to_atm_${atm}_aave.nc"
ncks -O -4 -L 6 -C -x -v xv_a,yv_a,xv_b,yv_b "$work/a2l_aave.nc" "$out/map_atm_${atm}_to_lnd_${ocn}_aave.nc"
ncks -O -4 -L 6 -C -x -v src_grid_corner_lat,src_grid_corner_lon,dst_grid_corner_lat,dst_grid_corner_lon \
    "$work/a2l_blin.nc" "$out/map_atm_${atm}_to_lnd_${ocn}_blin.nc"
ls -l "$out"/grid_"$atm".nc "$out"/grid_"$ocn"_ocean.nc "$out"/grid_"$ocn"_land.nc "$out"/map_*"$atm"*"$ocn"*.nc "$out"/map_*"$ocn"*"$atm"*.nc 2>/dev/null | sort -u
