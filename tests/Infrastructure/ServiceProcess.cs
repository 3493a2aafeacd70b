using System.Diagnostics;
using System.Text;

namespace Qase.Webhooks.Tests.Infrastructure;

/// <summary>
/// A process of the service (or the sample receiver) started from the built binaries (<c>dotnet Qase.Webhooks.Silo.dll ...</c>),
/// as an operator would run it, with its output kept for the failure message.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServiceProcess(string name, string project, IReadOnlyDictionary<string, string?> settings, Process process, Uri baseAddress)
    {
        Name = name;
        Project = project;
        Settings = settings;
        _process = process;
        BaseAddress = baseAddress;
    }

    public string Name { get; }

    /// <summary><c>silo</c> or <c>api</c>.</summary>
    public string Project { get; }

    /// <summary>The settings it was started with, so that it can be started again on the same ports.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; }

    public Uri BaseAddress { get; }

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <c>silo</c>, <c>api</c> or a sample (<c>publisher</c>, <c>receiver</c>) with these settings (as <c>--Key=value</c>) and an HTTP port of its own.</summary>
    public static ServiceProcess Start(string project, string name, IReadOnlyDictionary<string, string?> settings, params string[] command) =>
        Start(project, name, settings, new Dictionary<string, string?>(), command);

    /// <summary>As <see cref="Start(string, string, IReadOnlyDictionary{string, string?}, string[])"/>, with extra environment variables.</summary>
    public static ServiceProcess Start(string project, string name, IReadOnlyDictionary<string, string?> settings,
        IReadOnlyDictionary<string, string?> environment, params string[] command)
    {
        var port = FreePort.Next();
        var info = new ProcessStartInfo(DotnetHost(), [Binary(project), .. command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // As `dotnet run --project <project>` does: the project's folder is the content root.
            WorkingDirectory = Path.Combine(Repository.Root, Build(project).Folder),
        };
        foreach (var (key, value) in settings)
        {
            info.ArgumentList.Add($"--{key}={value}");
        }
        info.ArgumentList.Add($"--urls=http://127.0.0.1:{port}");
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var started = new ServiceProcess(name, project, settings, process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => started.Append(e.Data);
        process.ErrorDataReceived += (_, e) => started.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>Runs a command of a process to its end (e.g. <c>silo migrate</c>) and answers its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> Run(string project, IReadOnlyDictionary<string, string?> settings, params string[] command)
    {
        var run = Start(project, project, settings, command);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await run._process.WaitForExitAsync(timeout.Token);
        run._process.WaitForExit(); // flushes the asynchronous output readers
        return (run._process.ExitCode, run.Output);
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200.</summary>
    public async Task WaitUntilReady(TimeSpan within, Func<string>? describe = null)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            if (_process.HasExited)
            {
                Assert.Fail($"{Name} exited with {_process.ExitCode} before it was ready:\n{Output}");
            }
            try
            {
                if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"{Name} was not ready within {within}:\n{describe?.Invoke() ?? Output}");
            }
            await Task.Delay(200);
        }
    }

    /// <summary>SIGTERM, as an operator or an orchestrator stops a process, then waits for it to end.</summary>
    public async Task Stop(TimeSpan within)
    {
        if (_process.HasExited)
        {
            return;
        }
        using (var signal = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString()]) { UseShellExecute = false }))
        {
            await signal!.WaitForExitAsync();
        }
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"{Name} did not stop within {within} of SIGTERM:\n{Output}");
        }
    }

    /// <summary>Waits until the output has a line containing <paramref name="text"/>.</summary>
    public async Task WaitForOutput(string text, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited)
            {
                Assert.Fail($"{Name} exited with {_process.ExitCode} before printing \"{text}\":\n{Output}");
            }
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"{Name} did not print \"{text}\" within {within}:\n{Output}");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Keeps the process on one CPU, as on a machine whose other cores are busy: races between the threads
    /// it starts are then lost in the same way at every run. Set right after the start, before the runtime is up.
    /// </summary>
    public void PinToOneCpu()
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows())
        {
            _process.ProcessorAffinity = 1;
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a crash.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static string DotnetHost() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    /// <summary>The project's own build output, in the configuration the tests were built in.</summary>
    private static string Binary(string project)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var (folder, assembly) = Build(project);
        var binary = Path.Combine(Repository.Root, folder, "bin", configuration, "net10.0", assembly + ".dll");
        return File.Exists(binary) ? binary : throw new FileNotFoundException($"Build the solution first: {binary} is missing.");
    }

    /// <summary>A process's project folder and assembly.</summary>
    private static (string Folder, string Assembly) Build(string project) => project switch
    {
        "silo" => ("silo", "Qase.Webhooks.Silo"),
        "api" => ("api", "Qase.Webhooks.Api"),
        "publisher" => (Path.Combine("samples", "publisher"), "Qase.Webhooks.Samples.Publisher"),
        "receiver" => (Path.Combine("samples", "receiver"), "Qase.Webhooks.Samples.Receiver"),
        _ => throw new ArgumentException($"No process is built for '{project}'.", nameof(project)),
    };
}
