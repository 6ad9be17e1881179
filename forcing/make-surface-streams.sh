#!/usr/bin/env bash
# Makes the forcing files of the data models dlnd, dice and drof: monthly climatologies on the
# grids of the default configuration, derived from the datm and docn climatologies of
# make-forcing.sh, the real topography behind the maps of mapping-weights/ (cdo -topo), and the
# built-in river's routing.
#
#   forcing/dlnd.T62.clim.nc    land surface, T62 (lat 94 S->N x lon 192): from datm's air
#                               temperature, sunlight and precipitation, on the land the
#                               ocean->atmosphere map leaves (1 - its frac_b)
#   forcing/dice.1deg.clim.nc   sea ice, 1 degree ocean grid (lat 180 x lon 360): concentration
#                               from docn's SST where it is near freezing, on the ocean points of
#                               the ocean grid's mask
#   forcing/drof.1deg.clim.nc   river discharge into the ocean, 1 degree river grid: the monthly
#                               means of the second year of a run of dlnd's runoff through the
#                               built-in river ('reservoir', D8 directions from the grid's
#                               topography), from its time-averaged coupler history
#
# All have 12 records at mid-month of a 365-day year (days since 0001-01-01, noleap), float
# variables (time, lat, lon) in the units of the coupling fields they feed (docs/data-models.md),
# netCDF-4 with deflate level 6, one chunk per record.
#
# Usage: forcing/make-surface-streams.sh COUPLED_DRIVER [OUTDIR]
#   COUPLED_DRIVER: the coupled-driver executable (it routes the runoff for drof)
#   OUTDIR: where to write (default: this folder)
# Needs: nco, Open MPI, python3-netcdf4 (the Python is /usr/bin/python3 unless PYTHON names another).
# Rerunnable and deterministic: the same inputs give the same values.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
driver="$(cd "$(dirname "${1:?usage: make-surface-streams.sh COUPLED_DRIVER [OUTDIR]}")" && pwd)/$(basename "$1")"
out="${2:-$here}"
maps="$here/../mapping-weights"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python="${PYTHON:-/usr/bin/python3}"

echo "dlnd and dice: from the datm and docn climatologies"
"$python" - "$here/datm.T62.clim.nc" "$here/docn.sst.1deg.clim.nc" "$maps/map_ocn_1deg_to_atm_T62_aave.nc" \
    "$maps/grid_1deg_ocean.nc" "$work/dlnd.nc" "$work/dice.nc" <<'PYTHON'
import sys
import netCDF4
import numpy as np

datm_path, docn_path, o2a_path, ocean_grid_path, dlnd_path, dice_path = sys.argv[1:]
sigma, latent_vaporization = 5.67e-8, 2.501e6

def create(path, source, title):
    """A stream file with the time, lat and lon of `source`."""
    out = netCDF4.Dataset(path, "w", format="NETCDF4")
    for name in ("time", "lat", "lon"):
        out.createDimension(name, len(source.dimensions[name]))
        variable = out.createVariable(name, "f8", (name,))
        variable.setncatts({k: source[name].getncattr(k) for k in source[name].ncattrs()})
        variable[:] = source[name][:]
    out.title = title
    out.source = "forcing/make-surface-streams.sh"
    return out

def add(out, name, values, units, long_name):
    variable = out.createVariable(name, "f4", ("time", "lat", "lon"), zlib=True, complevel=6,
                                  chunksizes=(1, len(out.dimensions["lat"]), len(out.dimensions["lon"])))
    variable.units, variable.long_name = units, long_name
    variable[:] = values.astype(np.float32)

# dlnd: the land's surface under datm's climate.
datm = netCDF4.Dataset(datm_path)
nlat, nlon = len(datm.dimensions["lat"]), len(datm.dimensions["lon"])
land = 1.0 - netCDF4.Dataset(o2a_path)["frac_b"][:].reshape(nlat, nlon)
tbot, swdn = datm["tbot"][:].astype(float), datm["swdn"][:].astype(float)
rain, snow = datm["rain"][:].astype(float), datm["snow"][:].astype(float)
snowy = np.clip((273.15 - tbot) / 5.0, 0.0, 1.0)      # snow-covered below -5 C, bare above 0 C
avs, anir = 0.1 + 0.7 * snowy, 0.3 + 0.2 * snowy
swnet = (1.0 - 0.5 * (avs + anir)) * swdn
evap = -0.5 * (rain + snow) * (1.0 - snowy)              # half of the precipitation evaporates from bare ground
out = create(dlnd_path, datm, "coupled-driver dlnd forcing: monthly land-surface climatology on the T62 grid")
add(out, "tsrf", tbot, "K", "surface temperature")
add(out, "avs", avs, "1", "visible albedo")
add(out, "anir", anir, "1", "near-infrared albedo")
add(out, "swnet", swnet, "W m-2", "net shortwave")
add(out, "lwup", -sigma * tbot**4, "W m-2", "upward longwave (negative: upward)")
add(out, "shf", -0.2 * swnet, "W m-2", "sensible heat flux (negative: upward)")
add(out, "lhf", latent_vaporization * evap, "W m-2", "latent heat flux (negative: upward)")
add(out, "evap", evap, "kg m-2 s-1", "evaporation (negative: upward)")
add(out, "rofl", np.where(land > 0, 0.3 * rain, 0.0), "kg m-2 s-1", "liquid runoff: 30% of the rain, where there is land")
out.close()

# dice: ice where docn's SST is within 1.8 K of freezing, on the ocean grid's ocean points.
docn = netCDF4.Dataset(docn_path)
mask = netCDF4.Dataset(ocean_grid_path)["grid_imask"][:].reshape(len(docn.dimensions["lat"]), len(docn.dimensions["lon"]))
sst = docn["sst"][:].astype(float)
ifrac = np.clip((273.15 - sst) / 1.8, 0.0, 1.0) * (mask > 0)
tsrf = np.minimum(sst, 271.35) - 10.0 * ifrac
out = create(dice_path, docn, "coupled-driver dice forcing: monthly sea-ice climatology on the 1 degree ocean grid")
add(out, "ifrac", ifrac, "1", "sea-ice concentration")
add(out, "tsrf", tsrf, "K", "sea-ice surface temperature")
add(out, "lwup", -sigma * tsrf**4, "W m-2", "upward longwave (negative: upward)")
out.close()
PYTHON

echo "drof: two years of dlnd's runoff through the built-in river, monthly means of the second"
cat > "$work/route.nml" <<NAMELIST
&cime_pes
  lnd_ntasks = 2, rof_ntasks = 2, cpl_ntasks = 2
/
&seq_timemgr_inparm
  calendar = 'NO_LEAP', start_ymd = 00010101, start_tod = 0
  atm_cpl_dt = 10800, lnd_cpl_dt = 10800, rof_cpl_dt = 10800, ice_cpl_dt = 10800, ocn_cpl_dt = 10800
  stop_option = 'nyears', stop_n = 2, histavg_option = 'nmonths', histavg_n = 1
/
&seq_infodata_inparm
  case_name = 'route', histavg_lnd = .false.
/
&components
  atm = 'stub', lnd = 'dlnd', rof = 'reservoir', ice = 'stub', ocn = 'stub'
/
&seq_maps
  lnd2rof_fmapname = '$maps/map_lnd_T62_to_rof_1deg_aave.nc'
/
&dlnd_nml
  grid_file = '$maps/grid_T62.nc'
  file = '$work/dlnd.nc'
/
&reservoir_rof_nml
  grid_file = '$maps/grid_1deg_river.nc'
/
NAMELIST
mpirun --oversubscribe -n 2 "$driver" "$work/route.nml" --rundir "$work/route" >"$work/route.out" 2>&1 \
    || { cat "$work/route.out" >&2; exit 1; }
"$python" - "$work/route" "$here/docn.sst.1deg.clim.nc" "$maps/grid_1deg_river.nc" "$work/drof.nc" <<'PYTHON'
import sys
import netCDF4
import numpy as np

run, template_path, river_grid_path, drof_path = sys.argv[1:]
template = netCDF4.Dataset(template_path)   # the mid-month time axis
river = netCDF4.Dataset(river_grid_path)
nlon, nlat = (int(n) for n in river["grid_dims"][:])
centres = {"lat": river["grid_center_lat"][:].reshape(nlat, nlon)[:, 0], "lon": river["grid_center_lon"][:].reshape(nlat, nlon)[0, :]}
months = [netCDF4.Dataset(f"{run}/route.cpl.ha.0002-{m:02d}.nc") for m in range(1, 13)]
# The means are dated in the middle of each month of year 2: the climatology's are of year 1.
times = np.array([m["time"][0] - 365.0 for m in months])
assert np.allclose(times, template["time"][:], atol=0.5), times
out = netCDF4.Dataset(drof_path, "w", format="NETCDF4")
for name in ("time", "lat", "lon"):
    values = template["time"][:] if name == "time" else centres[name]
    out.createDimension(name, len(values))
    variable = out.createVariable(name, "f8", (name,))
    variable.setncatts({k: template[name].getncattr(k) for k in template[name].ncattrs()})
    variable[:] = values
rofl = out.createVariable("rofl", "f4", ("time", "lat", "lon"), zlib=True, complevel=6, chunksizes=(1, nlat, nlon))
rofl.units, rofl.long_name = "kg m-2 s-1", "river discharge into the ocean, per unit area of the receiving cell"
rofl[:] = np.array([m["r2x_Forr_rofl"][0].reshape(nlat, nlon) for m in months]).astype(np.float32)
out.title = "coupled-driver drof forcing: monthly river-discharge climatology on the 1 degree river grid"
out.source = "forcing/make-surface-streams.sh"
out.close()
PYTHON

for name in dlnd.T62 dice.1deg drof.1deg; do
    short="${name%%.*}"
    mv "$work/$short.nc" "$out/$name.clim.nc"
done
ls -l "$out/dlnd.T62.clim.nc" "$out/dice.1deg.clim.nc" "$out/drof.1deg.clim.nc"
