using System.Diagnostics;
using System.Globalization;
using System.Text;
using Npgsql;

namespace Qase.Webhooks.Tests.Infrastructure;

/// <summary>
/// A throw-away PostgreSQL server started from the binaries on this machine: a fresh data directory,
/// a free loopback port, trust authentication and no fsync. Each test takes its own database with
/// <see cref="CreateDatabase"/>, so tests never share state.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StepDeadline = TimeSpan.FromSeconds(60);

    // PostgreSQL refuses to run as root, so as root every server command runs as the postgres user.
    private readonly bool _asPostgresUser = Environment.UserName == "root";
    private readonly StringBuilder _log = new();
    private string _bin = null!;
    private string[] _runAs = [];
    private string? _root;
    private string _options = "";
    private NpgsqlDataSource? _admin;
    private EventHandler? _onProcessExit;

    public int Port { get; private set; }

    /// <summary>The fixture's own <c>postgres</c> database; tests should use <see cref="CreateDatabase"/>.</summary>
    public string ConnectionString { get; private set; } = null!;

    private string DataDirectory => Path.Combine(_root!, "data");

    private string ServerLog => Path.Combine(_root!, "server.log");

    public async ValueTask InitializeAsync()
    {
        _bin = FindBinaries();
        if (_asPostgresUser)
        {
            _runAs = await PostgresUserCommand();
        }
        try
        {
            await Start();
        }
        catch
        {
            await Shutdown();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_onProcessExit is not null)
        {
            AppDomain.CurrentDomain.ProcessExit -= _onProcessExit;
        }
        if (_admin is not null)
        {
            await _admin.DisposeAsync();
        }
        await Shutdown();
    }

    /// <summary>Creates an empty database (a random name when null) and returns its connection string.</summary>
    public async Task<string> CreateDatabase(string? name = null)
    {
        name ??= "test_" + Guid.NewGuid().ToString("N");
        await using var command = _admin!.CreateCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"")}\"");
        await command.ExecuteNonQueryAsync();
        return ConnectionStringFor(name);
    }

    /// <summary>
    /// Stops the server (fast mode: sessions are ended, as in a planned restart or a failover) and keeps its
    /// data; <see cref="StartAgain"/> brings it back on the same port. For outage tests.
    /// </summary>
    public async Task Stop()
    {
        await RunServerTool("pg_ctl", ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "30"]);
        _admin!.Clear();
    }

    /// <summary>Starts the server stopped by <see cref="Stop"/> again, on the same port with the same data.</summary>
    public async Task StartAgain()
    {
        await RunServerTool("pg_ctl", ["start", "-D", DataDirectory, "-l", ServerLog, "-w", "-t", "30", "-o", _options]);
        await WaitUntilAccepting();
    }

    private async Task Start()
    {
        // /tmp rather than the user's TMPDIR: the postgres user must be able to reach the directory.
        var parent = _asPostgresUser ? "/tmp" : Path.GetTempPath();
        _root = Directory.CreateDirectory(Path.Combine(parent, "qase-pg-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        var sockets = Directory.CreateDirectory(Path.Combine(_root, "sockets")).FullName;
        if (_asPostgresUser)
        {
            await Run("chown", ["-R", "postgres:postgres", _root], "chown of the temporary directory");
        }

        await RunServerTool("initdb", ["-D", DataDirectory, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"]);

        Port = FreePort.Next();
        ConnectionString = ConnectionStringFor("postgres");
        StartWatchdog();
        _onProcessExit = (_, _) => ShutdownAtExit();
        AppDomain.CurrentDomain.ProcessExit += _onProcessExit;

        _options = $"-c listen_addresses=127.0.0.1 -p {Port} -k \"{sockets}\" " +
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
        await RunServerTool("pg_ctl", ["start", "-D", DataDirectory, "-l", ServerLog, "-w", "-t", "30", "-o", _options]);
        await WaitUntilAccepting();
        _admin = NpgsqlDataSource.Create(ConnectionString);
    }

    private async Task WaitUntilAccepting()
    {
        var probe = new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false, Timeout = 2 }.ConnectionString;
        var deadline = DateTime.UtcNow + StartDeadline;
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(probe);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand("SELECT 1", connection);
                await command.ExecuteScalarAsync();
                return;
            }
            catch (NpgsqlException ex)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw Failure($"the server did not accept connections on 127.0.0.1:{Port} within {StartDeadline.TotalSeconds} s ({ex.Message})", ex);
                }
                await Task.Delay(100);
            }
        }
    }

    /// <summary>Stops the server at once and deletes its directory; safe to call more than once.</summary>
    private async Task Shutdown()
    {
        if (_root is null)
        {
            return;
        }
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            await RunServerTool("pg_ctl", ["stop", "-D", DataDirectory, "-m", "immediate"]);
        }
        Directory.Delete(_root, recursive: true);
        _root = null;
    }

    private void ShutdownAtExit()
    {
        try
        {
            Shutdown().GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException)
        {
            // The process is exiting: the watchdog below gets another chance at it.
        }
    }

    /// <summary>
    /// A detached shell that stops the server when this process dies without disposing the fixture (a
    /// crash, a kill -9, a hang timeout), which neither DisposeAsync nor ProcessExit would see. It ends
    /// by itself once the data directory is gone. No package does this, hence the hand-written script.
    /// </summary>
    private void StartWatchdog()
    {
        var setsid = FindExecutable("setsid");
        if (setsid is null)
        {
            return;
        }
        var stop = string.Join(' ', ServerCommand("pg_ctl", ["stop", "-D", DataDirectory, "-m", "immediate"]).Select(Quote));
        var script = "exec </dev/null >/dev/null 2>&1; " +
                     $"while kill -0 {Environment.ProcessId} && [ -d {Quote(DataDirectory)} ]; do sleep 1; done; " +
                     $"[ -d {Quote(DataDirectory)} ] && {stop}; rm -rf {Quote(_root!)}";
        var info = new ProcessStartInfo(setsid) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-f", "/bin/sh", "-c", script })
        {
            info.ArgumentList.Add(argument);
        }
        using var process = Process.Start(info);
    }

    private Task<string> RunServerTool(string tool, string[] arguments)
    {
        var command = ServerCommand(tool, arguments);
        return Run(command[0], command[1..], tool);
    }

    private string[] ServerCommand(string tool, string[] arguments) =>
        [.. _runAs, Path.Combine(_bin, tool), .. arguments];

    private async Task<string> Run(string file, string[] arguments, string step)
    {
        var (exitCode, output) = await Execute(file, arguments);
        if (exitCode != 0)
        {
            throw Failure($"{step} failed with exit code {exitCode}");
        }
        return output;
    }

    private async Task<(int ExitCode, string Output)> Execute(string file, string[] arguments)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // The postgres user may not be allowed into the test's working directory.
            WorkingDirectory = _root ?? "/",
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        _log.Append("$ ").AppendJoin(' ', arguments.Prepend(file).Select(Quote)).AppendLine();
        using var process = Process.Start(info) ?? throw Failure($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(StepDeadline);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw Failure($"{Path.GetFileName(file)} did not finish within {StepDeadline.TotalSeconds} s");
        }
        var output = await stdout + await stderr;
        _log.Append(output);
        return (process.ExitCode, output);
    }

    /// <summary>The prefix that runs a command as the postgres user; fails clearly when there is none.</summary>
    private async Task<string[]> PostgresUserCommand()
    {
        var (exitCode, _) = await Execute("id", ["-u", "postgres"]);
        if (exitCode != 0)
        {
            throw Failure("the tests run as root, PostgreSQL refuses to run as root, and there is no 'postgres' user " +
                          "to run it as: install PostgreSQL with its package (apt-get install -y postgresql creates the user) " +
                          "or run the tests as an ordinary user");
        }
        var runuser = FindExecutable("runuser")
            ?? throw Failure("the tests run as root and need runuser (util-linux) to start PostgreSQL as the postgres user");
        return [runuser, "-u", "postgres", "--"];
    }

    private string ConnectionStringFor(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = database,
        Pooling = true,
        MaxPoolSize = 100,
    }.ConnectionString;

    private InvalidOperationException Failure(string message, Exception? inner = null)
    {
        var text = new StringBuilder("Test PostgreSQL server: ").Append(message).AppendLine(".");
        text.AppendLine("--- commands and their output ---").Append(_log);
        if (_root is not null && File.Exists(ServerLog))
        {
            using var reader = new StreamReader(new FileStream(ServerLog, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            text.AppendLine("--- server log ---").Append(reader.ReadToEnd());
        }
        return new InvalidOperationException(text.ToString(), inner);
    }

    /// <summary><c>initdb</c> and <c>pg_ctl</c> from PATH, else from the newest /usr/lib/postgresql/*/bin.</summary>
    private static string FindBinaries()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(MajorVersion).Select(d => Path.Combine(d, "bin"))
            : [];
        return onPath.Concat(debian).FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
            ?? throw new InvalidOperationException(
                "The tests start their own PostgreSQL server, but its binaries (initdb, pg_ctl) are neither on PATH " +
                "nor in /usr/lib/postgresql/*/bin. Install them: `apt-get install -y postgresql` on Debian/Ubuntu, " +
                "`dnf install -y postgresql-server` on Fedora, `brew install postgresql` on macOS.");
    }

    private static decimal MajorVersion(string directory) =>
        decimal.TryParse(Path.GetFileName(directory), NumberStyles.Number, CultureInfo.InvariantCulture, out var version) ? version : 0;

    private static string? FindExecutable(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/sbin", "/usr/bin", "/bin"])
            .Select(d => Path.Combine(d, name))
            .FirstOrDefault(File.Exists);

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:".Contains(c))
            ? argument
            : "'" + argument.Replace("'", "'\\''") + "'";
}

[CollectionDefinition(Name), Trait("Category", "Slow")]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
