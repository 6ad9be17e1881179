/// Sleeps that clean-up code can rely on: a task that is being cancelled still has to wait for
/// its jobs to end, and `Task.sleep` would return at once in it.
enum Pause {
    /// Sleeps for `duration` even if the current task is cancelled.
    static func uncancellable(_ duration: Duration) async {
        await Task.detached { try? await Task.sleep(for: duration) }.value
    }
}
