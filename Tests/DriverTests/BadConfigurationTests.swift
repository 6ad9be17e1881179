import Foundation
import Testing
import TestSupport

/// Configurations the coupler cannot run: each stops on every rank with one clear message
/// naming the file, component, field or grid, without hanging.
@Suite("Bad coupled configurations", .serialized)
struct BadConfigurationTests {
    private func expectFailure(_ namelist: ConfigurationNamelist, ranks: Int = 2, _ messages: [String], files: [String: String] = [:]) {
        let dir = TemporaryDirectory("badconfig")
        for (name, text) in files { dir.write(name, text) }
        var namelist = namelist
        namelist.allOn(ranks: ranks)
        let path = dir.write("bad.nml", namelist.text.replacingOccurrences(of: "@DIR@", with: dir.path))
        let result = Job.mpirun(ranks: ranks, "coupled-driver", [path, "--rundir", dir.path + "/run"], timeout: 90)
        #expect(!result.timedOut, "the job hung")
        #expect(result.exitCode != 0, "the job succeeded")
        for message in messages {
            #expect(result.standardError.contains(message), "expected «\(message)» in:\n\(result.standardError)")
        }
    }

    private var maps: String { Repository.path("mapping-weights") }

    @Test("weights for the wrong grids")
    func wrongGridWeights() {
        var n = ConfigurationNamelist("default")
        n.set("atm2ocn_fmapname", "'\(maps)/map_ocn_1deg_to_atm_T62_aave.nc'", in: "seq_maps")
        expectFailure(n, ["map_ocn_1deg_to_atm_T62_aave.nc: the source grid of the map has 64800 points, but the atm grid atm (nj = 94, ni = 192) has 18048"])
    }

    @Test("weights made for another land mask")
    func maskMismatch() {
        let dir = TemporaryDirectory("mask")
        let copy = dir.path + "/o2a_other_mask.nc"
        let edit = Job.run("/usr/bin/ncap2", ["-O", "-s", "mask_a(30000)=1-mask_a(30000)", "\(maps)/map_ocn_1deg_to_atm_T62_aave.nc", copy])
        #expect(edit.exitCode == 0, "\(edit.output)")
        var n = ConfigurationNamelist("default")
        n.set("ocn2atm_fmapname", "'\(copy)'", in: "seq_maps")
        expectFailure(n, ["o2a_other_mask.nc: its source mask (mask_a) differs from the ocean grid's mask at 1 of this rank's points"])
    }

    @Test("an import nobody produces")
    func missingImport() {
        var n = ConfigurationNamelist("default")
        n.set("lnd", "'test'", in: "components")
        n.replaceGroup("test_component_nml", with: "&test_component_nml lnd_imports = 'Sa_tbot', 'Sx_bogus' /")
        expectFailure(n, ["lnd (model 'test') imports 'Sx_bogus', which no component or the coupler produces for the land"])
    }

    @Test("an export the coupler needs is missing")
    func missingExport() {
        var n = ConfigurationNamelist("default")
        n.set("ice", "'test'", in: "components")
        n.replaceGroup("test_component_nml", with: "&test_component_nml nlat = 180, nlon = 360, ice_exports = 'Si_ifrac', 'Si_t' /")
        expectFailure(n, ["the coupler needs 'Si_avsdr' from ice (model 'test') for the atmosphere's surface, but it does not export it"])
    }

    @Test("an unknown component name and a model of the wrong kind")
    func unknownModels() {
        var n = ConfigurationNamelist("default")
        n.set("atm", "'slob'", in: "components")
        n.set("lnd", "'docn'", in: "components")
        expectFailure(n, ["unknown atmosphere model 'slob' (atm in &components); did you mean 'slab'?",
                          "model 'docn' cannot be the land (lnd); it can be: ocn"])
    }

    @Test("coupling intervals that do not fit together")
    func inconsistentIntervals() {
        var n = ConfigurationNamelist("default")
        n.set("ocn_cpl_dt", "2700", in: "seq_timemgr_inparm")
        expectFailure(n, ["ocn_cpl_dt = 2700 is not a multiple of the driver step 1800 s"])
    }

    @Test("a map the run needs is not named, and a map type that is not offered")
    func missingMap() {
        var n = ConfigurationNamelist("default")
        n.set("ocn2atm_fmapname", "''", in: "seq_maps")
        expectFailure(n, ["&seq_maps: ocn2atm_fmapname is needed (ocean and sea-ice fluxes and fractions go to the atmosphere grid) but not set"])
        var y = ConfigurationNamelist("default")
        y.set("atm2ocn_fmaptype", "'Y'", in: "seq_maps")
        expectFailure(y, ["atm2ocn_fmaptype = 'Y': only map type 'X' is offered"])
    }

    @Test("'idmap' between different grids")
    func identityBetweenGrids() {
        var n = ConfigurationNamelist("default")
        n.set("atm2ocn_smapname", "'idmap'", in: "seq_maps")
        expectFailure(n, ["&seq_maps: atm2ocn_smapname = 'idmap', but the atmosphere grid"])
    }

    @Test("the land on another grid than the atmosphere")
    func landGrid() {
        var n = ConfigurationNamelist("default")
        n.replaceGroup("bucket_lnd_nml", with: "&bucket_lnd_nml grid_file = '\(maps)/grid_1deg_ocean.nc' /")
        expectFailure(n, ["the land grid (lnd (nj = 180, ni = 360)) differs from the atmosphere grid (atm (nj = 94, ni = 192))"])
    }

    @Test("a missing weights file and a missing grid file")
    func missingFiles() {
        var n = ConfigurationNamelist("default")
        n.set("atm2ocn_fmapname", "'/nonexistent/map.nc'", in: "seq_maps")
        expectFailure(n, ["weights file /nonexistent/map.nc: cannot be opened as netCDF: No such file or directory"])
        var g = ConfigurationNamelist("default")
        g.replaceGroup("slab_ocn_nml", with: "&slab_ocn_nml grid_file = 'nowhere.nc' /")
        expectFailure(g, ["nowhere.nc"])
    }

    @Test("a NaN in a coupling field names the component, field, point and time")
    func notANumber() {
        var n = ConfigurationNamelist("default")
        n.set("ice", "'test'", in: "components")
        let exports = ["Si_ifrac", "Si_t", "Si_avsdr", "Si_anidr", "Si_avsdf", "Si_anidf", "Faii_swnet", "Faii_lwup", "Faii_sen",
                       "Faii_lat", "Faii_evap", "Faii_taux", "Faii_tauy", "Fioi_melth", "Fioi_meltw", "Fioi_swpen"]
        n.replaceGroup("test_component_nml", with: "&test_component_nml nlat = 180, nlon = 360, ice_exports = "
            + exports.map { "'\($0)'" }.joined(separator: ", ") + ", nan_field = 'Faii_sen', nan_call = 3 /")
        expectFailure(n, ["ice (model 'test') export 'Faii_sen' is nan at grid point 1 (lon 0.0, lat -89.5) at model time 0001-01-01-03600, found by check_nans"])
    }

    @Test("a data model given a variable its file does not have")
    func dataModelVariable() {
        var n = ConfigurationNamelist("data-ocean")
        n.replaceGroup("docn_nml", with: "&docn_nml grid_file = '\(maps)/grid_1deg_ocean.nc', file = '\(Repository.path("forcing/docn.sst.1deg.clim.nc"))', "
            + "variables = 'So_t:sea_temp' /")
        expectFailure(n, ["sea_temp"])
    }
}
