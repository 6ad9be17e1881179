import Coupling
import Foundation
import Namelist

/// What the namelist fuzz tests start from: the namelists in `namelists/` and a vocabulary of
/// namelist syntax, with the group names, keys and values those namelists use.
public enum NamelistFuzzInputs {
    /// Every `namelists/*.nml`, by file name, in name order.
    public static let seeds: [(name: String, text: String)] = {
        let folder = Repository.root.appendingPathComponent("namelists")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".nml") }.sorted().map { ($0, Repository.text("namelists/\($0)")) }
    }()

    /// Syntax characters and tokens (`&`, `/`, `=`, quotes, `!`, `*`, parentheses, repeat
    /// counts, logicals, integers at and past the 64-bit limits, indices, unusual line ends),
    /// whole statements with extreme values for the driver's keys and for arrays, and the group
    /// openers, keys and values of the seed namelists. (Repeat counts stay small: the largest
    /// allowed, a million, is covered by the parser's unit tests and would only slow the run.)
    public static let vocabulary: [String] = {
        var tokens = ["&", "/", "=", ",", "'", "\"", "!", "*", "(", ")", ".", "\n", "\r\n", "\r", "$", "&end", "$end",
                      "3*", "2*", "3*0", "2*'x'", "999*", "1000001*1", "0*1", "-2*", ".t.", ".f.", ".true.", ".false.",
                      "T", "F", ".maybe.", "1.5d0", "-1.e-3", "1.0e999", "0", "-1", "+7", "1.2.3",
                      "9223372036854775807", "-9223372036854775808", "9223372036854775808", "2147483648", "99999999999999999999",
                      "(1)", "(0)", "(3)", "(9223372036854775807)", "(-1)", "()", "''", "'it''s'", "'unterminated",
                      "! comment", "\u{2028}", "\u{85}", "\u{0B}", "\u{0C}", "\u{FEFF}", "é", "\t",
                      "fuzz_array(9223372036854775807) = 1, 2", "fuzz_array(9223372036854775806) = 3*7", "fuzz_array(2) = 5, 6",
                      "fuzz_array(1000000) = 1", "fuzz_array = 2*, 3", "fuzz_array(3) = 'a', .t., 1.5",
                      "atm_ntasks = 9223372036854775807, atm_pestride = 9223372036854775807", "ocn_rootpe = 9223372036854775807",
                      "cpl_ntasks = -9223372036854775808", "lnd_nthreads = 0", "ice_pestride = -1",
                      "stop_option = 'nyears', stop_n = 9223372036854775807", "stop_n = -9223372036854775808",
                      "restart_option = 'nsteps', restart_n = 0", "history_option = 'nmonths', history_n = 9223372036854775807",
                      "start_ymd = 99991231", "stop_option = 'date', stop_ymd = 9223372036854775807", "stop_ymd = -5, stop_tod = 86399",
                      "restart_ymd = 20000229", "atm_cpl_dt = 31536000", "ocn_cpl_dt = 7, atm_cpl_dt = 5", "start_tod = 86399",
                      "calendar = 'GREGORIAN'", "hang_timeout = 1.0e7", "info_debug = 3", "case_name = ''", "start_type = 'continue'",
                      "maps_file = 'missing.rc'", "atm2ocn_fmaptype = 'Y'", "atm = 'xxx'", "ocn = 'slab', atm = 'slab'",
                      "&fuzz_group x = 1 /", "&cime_pes /", "&seq_timemgr_inparm stop_n = 2 /"]
        for seed in seeds {
            guard let document = try? NamelistDocument.parse(seed.text, file: seed.name) else { continue }
            for group in document.groups {
                tokens.append("&" + group.spelledName)
                for assignment in group.assignments {
                    tokens.append(assignment.spelledKey)
                    tokens.append(contentsOf: assignment.values.map(\.description).filter { !$0.isEmpty })
                }
            }
        }
        var seen = Set<String>()
        return tokens.filter { seen.insert($0).inserted }
    }()

    /// A mutator of the seed namelists using the vocabulary.
    public static let mutator = TextMutator(seeds: seeds, vocabulary: vocabulary)

    /// Values for the driver's keys, ordinary and extreme: counts, ranks and intervals around
    /// zero and at the 32- and 64-bit limits, dates, reals, logicals, option and model names.
    public static let values = ["0", "1", "2", "3", "4", "7", "-1", "1800", "3600", "86399", "86400", "31536000", "2147483647",
                                "4000000000", "9223372036854775807", "-9223372036854775808", "10101", "99991231", "20000229",
                                "0.5", "1.0e7", "-0.0", ".true.", ".false.", "'ndays'", "'nsteps'", "'nhours'", "'nmonths'",
                                "'nyears'", "'date'", "'never'", "'NO_LEAP'", "'GREGORIAN'", "'slab'", "'data'", "'stub'",
                                "'bucket'", "'thermo'", "'X'", "'Y'", "'idmap'", "''", "'missing.nc'", "3*1", "2*"]

    /// A mutator that only replaces values of the seed namelists with `values`.
    public static let valueMutator = TextMutator(seeds: seeds, vocabulary: values)
}
