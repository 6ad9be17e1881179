#!/usr/bin/env bash
# Makes the forcing files of the data models datm and docn with NCO (ncks, ncap2): analytic,
# physically plausible monthly climatologies on the grids of the default configuration.
#
#   forcing/datm.T62.clim.nc       atmosphere, T62 Gaussian grid (lat 94 S->N x lon 192)
#   forcing/docn.sst.1deg.clim.nc  sea surface temperature, 1 degree grid (lat 180 S->N x lon 360)
#
# Both have 12 records at mid-month of a 365-day year: time in "days since 0001-01-01 00:00:00",
# calendar noleap (15.5, 45, 74.5, ... 349.5). Variables are float (time, lat, lon), in the
# units of the coupling fields they feed (docs/data-models.md). The grids' latitudes and
# longitudes are read from the SCRIP grid files of mapping-weights/ (made by make-weights.sh), so
# the points are in exactly those grids' order; the script checks the shapes.
#
# Usage: forcing/make-forcing.sh [GRIDDIR [OUTDIR]]
#   GRIDDIR: folder with grid_T62.nc and grid_1deg_ocean.nc (default: ../mapping-weights)
#   OUTDIR:  where to write (default: this folder)
# Rerunnable and deterministic: the same inputs give byte-identical files (no history is
# appended). Files are netCDF-4 with lossless compression (shuffle + deflate level 6), one chunk
# per record (a data model reads a record at a time).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
grids="${1:-$here/../mapping-weights}"
out="${2:-$here}"
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# grid_dims of a SCRIP file, Fortran order ("nlon,nlat").
grid_dims() { ncks -H -C -v grid_dims --trd "$1" | sed -n 's/.*grid_dims\[[0-9]*\]=\([0-9]*\).*/\1/p' | paste -sd, -; }

# Copies a SCRIP grid's centres into $2 as 1-D coordinates lat(lat) (S->N) and lon(lon).
coordinates() {
    local grid="$1" file="$2" nlon="$3" nlat="$4"
    [[ -f "$grid" ]] || { echo "no grid file $grid (run mapping-weights/make-weights.sh)" >&2; exit 2; }
    local dims; dims="$(grid_dims "$grid")"
    [[ "$dims" == "$nlon,$nlat" ]] || { echo "$grid: grid_dims $dims, expected $nlon,$nlat" >&2; exit 2; }
    ncks -O -h -C -v grid_center_lat,grid_center_lon "$grid" "$work/centres.nc"
    ncap2 -O -h -v -s "
        defdim(\"lat\", $nlat); defdim(\"lon\", $nlon);
        lat[\$lat] = grid_center_lat(0:$((nlat * nlon - 1)):$nlon);
        lon[\$lon] = grid_center_lon(0:$((nlon - 1)));
        " "$work/centres.nc" "$file"
    # No attributes: the fields computed from lat and lon would inherit them.
    ncatted -O -h -a ,lat,d,, -a ,lon,d,, "$file"
    # Latitudes must increase (S->N).
    ncap2 -O -h -v -s "
        lat_ok = min(lat(1:$((nlat - 1))) - lat(0:$((nlat - 2)))) > 0;
        " "$file" "$work/check.nc"
    [[ "$(ncks -H -C -v lat_ok --trd "$work/check.nc" | sed -n 's/.*lat_ok = \([0-9]*\).*/\1/p')" == 1 ]] \
        || { echo "$grid: latitudes do not increase south to north" >&2; exit 2; }
}

# Describes the coordinates of $1 and gives it a title.
describe() {
    ncatted -O -h -a units,lat,o,c,degrees_north -a long_name,lat,o,c,latitude -a standard_name,lat,o,c,latitude \
        -a units,lon,o,c,degrees_east -a long_name,lon,o,c,longitude -a standard_name,lon,o,c,longitude \
        -a title,global,o,c,"$2" -a source,global,o,c,"forcing/make-forcing.sh" "$1"
}

# The time axis: mid-month of the 365-day year, days since 0001-01-01.
time_axis='
    defdim("time", 12);
    time[$time] = {15.5, 45.0, 74.5, 105.0, 135.5, 166.0, 196.5, 227.5, 258.0, 288.5, 319.0, 349.5};
    time@units = "days since 0001-01-01 00:00:00"; time@calendar = "noleap";
    time@long_name = "time (mid-month of a climatological year)"; time@standard_name = "time";
    pi = 3.14159265358979323846;
    phi[$lat] = lat * pi / 180.0;
    lambda[$lon] = lon * pi / 180.0;
    day[$time] = time;
'

echo "datm: T62 monthly climatology"
coordinates "$grids/grid_T62.nc" "$work/atm.nc" 192 94
ncap2 -O -h -s "$time_axis"'
    /* Seasonal phase: +1 in mid-July, -1 in mid-January (northern summer). */
    season[$time] = cos(2.0 * pi * (day - 196.5) / 365.0);
    tbot[$time, $lat, $lon] = float(299.0 - 48.0 * sin(phi)^2 + 14.0 * sin(phi) * season
                                    + 2.0 * cos(phi)^2 * cos(2.0 * lambda));
    /* Pressure: equatorial and subpolar lows, subtropical and polar highs. */
    pbot[$time, $lat, $lon] = float(101200.0 - 800.0 * cos(6.0 * phi));
    /* 80% relative humidity over water (Bolton saturation vapour pressure). */
    es[$time, $lat, $lon] = 611.2 * exp(17.67 * (tbot - 273.15) / (tbot - 29.65));
    shum[$time, $lat, $lon] = float(0.8 * 0.622 * es / (pbot - 0.378 * 0.8 * es));
    /* Trade easterlies and mid-latitude westerlies, winds towards the ITCZ in the tropics. */
    u[$time, $lat, $lon] = float(-7.0 * cos(3.0 * phi));
    v[$time, $lat, $lon] = float(-3.0 * sin(6.0 * phi));
    /* Daily-mean insolation (declination from the day of the year) through a 0.7 transmissive atmosphere. */
    delta[$time] = 23.44 * pi / 180.0 * sin(2.0 * pi * (day - 80.0) / 365.0);
    cos_h0[$time, $lat] = -tan(phi) * tan(delta);
    where(cos_h0 > 1.0) cos_h0 = 1.0;
    where(cos_h0 < -1.0) cos_h0 = -1.0;
    h0[$time, $lat] = acos(cos_h0);
    insolation[$time, $lat] = 1361.0 / pi * (h0 * sin(phi) * sin(delta) + cos(phi) * cos(delta) * sin(h0));
    swdn[$time, $lat, $lon] = float(0.7 * insolation);
    lwdn[$time, $lat, $lon] = float(0.8 * 5.67e-8 * tbot^4);
    /* Precipitation: a migrating ITCZ and mid-latitude storm tracks; snow below about 0 C. */
    itcz[$time] = 5.0 + 7.0 * season;
    precip[$time, $lat, $lon] = 1.0e-4 * exp(-pow((lat - itcz) / 8.0, 2.0)) + 3.0e-5 * exp(-pow((abs(lat) - 45.0) / 12.0, 2.0))
                                + 2.0e-6;
    snow_fraction[$time, $lat, $lon] = (275.15 - tbot) / 4.0;
    where(snow_fraction > 1.0) snow_fraction = 1.0;
    where(snow_fraction < 0.0) snow_fraction = 0.0;
    rain[$time, $lat, $lon] = float(precip * (1.0 - snow_fraction));
    snow[$time, $lat, $lon] = float(precip * snow_fraction);
    tbot@units = "K"; tbot@long_name = "bottom atmosphere temperature";
    pbot@units = "Pa"; pbot@long_name = "bottom atmosphere pressure";
    shum@units = "kg kg-1"; shum@long_name = "bottom atmosphere specific humidity";
    u@units = "m s-1"; u@long_name = "bottom atmosphere zonal wind";
    v@units = "m s-1"; v@long_name = "bottom atmosphere meridional wind";
    swdn@units = "W m-2"; swdn@long_name = "downward shortwave, all bands";
    lwdn@units = "W m-2"; lwdn@long_name = "downward longwave";
    rain@units = "kg m-2 s-1"; rain@long_name = "rain";
    snow@units = "kg m-2 s-1"; snow@long_name = "snow (water equivalent)";
    ' "$work/atm.nc" "$work/atm_fields.nc"
ncks -O -h -4 -L 6 --cnk_dmn time,1 -v time,lat,lon,tbot,pbot,shum,u,v,swdn,lwdn,rain,snow "$work/atm_fields.nc" "$work/atm_out.nc"
describe "$work/atm_out.nc" "coupled-driver datm forcing: analytic monthly climatology on the T62 grid"
mv "$work/atm_out.nc" "$out/datm.T62.clim.nc"

echo "docn: 1 degree monthly SST climatology"
coordinates "$grids/grid_1deg_ocean.nc" "$work/ocn.nc" 360 180
ncap2 -O -h -s "$time_axis"'
    /* Ocean seasons lag the sun: warmest in mid-August in the north. */
    season[$time] = cos(2.0 * pi * (day - 227.5) / 365.0);
    /* An equatorial cold tongue in the eastern Pacific (centred at 250 E). */
    tongue[$lat, $lon] = 2.5 * exp(-pow(lat / 6.0, 2.0)) * exp(-pow((lon - 250.0) / 25.0, 2.0));
    sst_c[$time, $lat, $lon] = -2.0 + 30.5 * cos(phi)^2 + 3.0 * sin(phi) * season - tongue;
    /* Never below the freezing point of sea water (-1.8 C). */
    where(sst_c < -1.8) sst_c = -1.8;
    sst[$time, $lat, $lon] = float(273.15 + sst_c);
    sst@units = "K"; sst@long_name = "sea surface temperature";
    ' "$work/ocn.nc" "$work/ocn_fields.nc"
ncks -O -h -4 -L 6 --cnk_dmn time,1 -v time,lat,lon,sst "$work/ocn_fields.nc" "$work/ocn_out.nc"
describe "$work/ocn_out.nc" "coupled-driver docn forcing: analytic monthly SST climatology on the 1 degree grid"
mv "$work/ocn_out.nc" "$out/docn.sst.1deg.clim.nc"

ls -l "$out/datm.T62.clim.nc" "$out/docn.sst.1deg.clim.nc"
