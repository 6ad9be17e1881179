# The grids of make-weights.sh and make-river.sh: their names, sizes and how each is made;
# sourced by both.

# atmosphere_grid NAME: the ncremap -G description of Gaussian grid NAME (T31, T42, T62, T85).
atmosphere_grid() {
    case "$1" in
        T31) echo "latlon=48,96" ;;
        T42) echo "latlon=64,128" ;;
        T62) echo "latlon=94,192" ;;
        T85) echo "latlon=128,256" ;;
        *) echo "unknown atmosphere grid $1 (T31, T42, T62, T85)" >&2; return 2 ;;
    esac
}

# latlon_size NAME: "NLAT NLON" of regular grid NAME (2deg, 1deg, 0.5deg, 0.25deg).
latlon_size() {
    case "$1" in
        2deg) echo "90 180" ;;
        1deg) echo "180 360" ;;
        0.5deg) echo "360 720" ;;
        0.25deg) echo "720 1440" ;;
        *) echo "unknown grid $1 (2deg, 1deg, 0.5deg, 0.25deg)" >&2; return 2 ;;
    esac
}

# gaussian_grid NAME FILE: writes the SCRIP file of Gaussian grid NAME (ncremap -G).
gaussian_grid() {
    local spec
    spec="$(atmosphere_grid "$1")" || return 2
    ncremap -G "ttl=$1 Gaussian#${spec}#lat_typ=gss#lon_typ=Grn_ctr" -g "$2" >/dev/null
}

# add_topography NLAT NLON GRID WORKDIR: adds `topo` (m), the real topography of that regular
# grid (cdo -topo), to SCRIP file GRID, point by point in the grid's order.
add_topography() {
    cdo -s -f nc -topo,r${2}x${1} "$4/topo.nc"
    cdo -s -f nc -setgridtype,unstructured "$4/topo.nc" "$4/topo_points.nc"
    ncks -O -v topo "$4/topo_points.nc" "$4/topo_points_only.nc"
    ncrename -O -d ncells,grid_size "$4/topo_points_only.nc" >/dev/null
    ncks -A -v topo "$4/topo_points_only.nc" "$3"
}
