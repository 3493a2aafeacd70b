using System.Diagnostics;
using System.Net.Sockets;

namespace Qase.Webhooks.Bench;

/// <summary>
/// A throw-away PostgreSQL server from the machine's binaries (<c>initdb</c>, <c>pg_ctl</c>) with durable
/// settings (<c>fsync</c> on), so the figures are what a real server pays; removed afterwards.
/// </summary>
public sealed class Postgres : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _root;
    private readonly bool _asPostgres = Environment.UserName == "root";

    private Postgres(string bin, string root, int port)
    {
        _bin = bin;
        _root = root;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Maximum Pool Size=64";

    public static async Task<Postgres> Start()
    {
        var bin = new[] { "/usr/lib/postgresql" }.Where(Directory.Exists)
            .SelectMany(Directory.GetDirectories).OrderBy(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
            .Select(d => Path.Combine(d, "bin")).LastOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException("PostgreSQL server binaries are missing: apt-get install -y postgresql");
        var root = Directory.CreateDirectory(Path.Combine("/tmp", "qase-bench-pg-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        var server = new Postgres(bin, root, FreePort.Next());
        if (server._asPostgres)
        {
            await Run("chown", "-R", "postgres:postgres", root);
        }
        await server.Tool("initdb", "-D", $"{root}/data", "-U", "postgres", "--auth=trust", "--no-sync", "--locale=C", "-E", "UTF8");
        await server.Tool("pg_ctl", "-D", $"{root}/data", "-w", "-l", $"{root}/server.log", "-o",
            $"-c listen_addresses=127.0.0.1 -p {server.Port} -k {root} -c max_connections=200", "start");
        using var probe = new TcpClient();
        await probe.ConnectAsync("127.0.0.1", server.Port);
        return server;
    }

    /// <summary>The rows of <paramref name="sql"/> as psql prints them unaligned (<c>|</c> between columns).</summary>
    public async Task<string[]> Query(string sql)
    {
        string[] arguments = ["-h", "127.0.0.1", "-p", Port.ToString(), "-U", "postgres", "-At", "-c", sql];
        var info = _asPostgres
            ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", Path.Combine(_bin, "psql"), .. arguments])
            : new ProcessStartInfo(Path.Combine(_bin, "psql"), arguments);
        info.RedirectStandardOutput = true;
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private Task Tool(string name, params string[] arguments) =>
        _asPostgres ? Run("runuser", ["-u", "postgres", "--", Path.Combine(_bin, name), .. arguments]) : Run(Path.Combine(_bin, name), arguments);

    private static async Task Run(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed: {await error}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Tool("pg_ctl", "-D", $"{_root}/data", "-m", "immediate", "stop");
        }
        finally
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
