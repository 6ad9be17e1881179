# The grid names of make-weights.sh and make-river.sh, and their sizes; sourced by both.

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
