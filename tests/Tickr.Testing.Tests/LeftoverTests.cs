using System.Diagnostics;

namespace Tickr.Testing.Tests;

public sealed class LeftoverTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("tickr-leftover-test-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public async Task The_directory_of_a_dead_test_process_is_removed_and_a_live_one_kept()
    {
        using var exited = Process.Start("true")!;
        await exited.WaitForExitAsync();
        var dead = Stamped("dead", $"{exited.Id} 1");
        var live = Stamped("live", PostgresServer.OwnerStamp(Environment.ProcessId));
        // Same pid, other start time: the pid was reused by a new process, the owner is gone.
        var reused = Stamped("reused", $"{Environment.ProcessId} 1");
        var foreign = Directory.CreateDirectory(Path.Combine(_temp, "other-dir")).FullName;

        PostgresServer.RemoveLeftovers(_temp, binDirectory: "/nonexistent", asPostgresUser: false);

        Assert.False(Directory.Exists(dead));
        Assert.False(Directory.Exists(reused));
        Assert.True(Directory.Exists(live));
        Assert.True(Directory.Exists(foreign));
    }

    private string Stamped(string name, string stamp)
    {
        var directory = Directory.CreateDirectory(Path.Combine(_temp, PostgresServer.DirectoryPrefix + name)).FullName;
        File.WriteAllText(Path.Combine(directory, "owner"), stamp);
        Directory.CreateDirectory(Path.Combine(directory, "data"));
        return directory;
    }
}
