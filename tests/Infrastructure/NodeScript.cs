using System.Diagnostics;

namespace Qase.Webhooks.Tests.Infrastructure;

/// <summary>
/// Runs a Node.js script of <c>tests/standard-webhooks-check</c> (there to check deliveries with published
/// npm libraries), installing its locked dependencies with <c>npm ci</c> once per test run when they are missing.
/// </summary>
public static class NodeScript
{
    private const string FolderName = "standard-webhooks-check";
    private static readonly TimeSpan InstallDeadline = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan RunDeadline = TimeSpan.FromSeconds(30);

    // Tests run in parallel: all of them wait for the same single install.
    private static readonly Lazy<Task<string>> Prepared = new(Prepare);

    /// <summary>Runs <c>node &lt;script&gt;</c> with <paramref name="input"/> on stdin; answers its exit code and output.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> Run(string script, string input)
    {
        var folder = await Prepared.Value;
        return await Execute(Require("node"), [script], folder, input, RunDeadline);
    }

    private static async Task<string> Prepare()
    {
        var folder = Path.Combine(Repository.Root, "tests", FolderName);
        Require("node");
        if (!File.Exists(Path.Combine(folder, "node_modules", "standardwebhooks", "package.json")))
        {
            var (exitCode, stdout, stderr) = await Execute(Require("npm"), ["ci", "--no-audit", "--no-fund"], folder, "", InstallDeadline);
            if (exitCode != 0)
            {
                Assert.Fail($"npm ci in {folder} failed with exit code {exitCode}:\n{stderr}\n{stdout}");
            }
        }
        return folder;
    }

    private static string Require(string command)
    {
        string[] names = OperatingSystem.IsWindows() ? [command + ".exe", command + ".cmd"] : [command];
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(directory => names.Select(name => Path.Combine(directory, name)))
            .FirstOrDefault(File.Exists);
        return found ?? throw new InvalidOperationException(
            $"'{command}' is not on PATH. The Standard Webhooks library check needs Node.js 18 or later with npm: " +
            "install it from https://nodejs.org or with the system's packages (Debian/Ubuntu: apt-get install -y nodejs npm).");
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> Execute(
        string file, string[] arguments, string workingDirectory, string input, TimeSpan deadline)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The process ended without reading its input; its exit code and stderr say why.
        }

        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            var errors = await stderr.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : "");
            Assert.Fail($"{Path.GetFileName(file)} {string.Join(' ', arguments)} did not finish within {deadline.TotalSeconds} s; stderr:\n{errors}");
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}
