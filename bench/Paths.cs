namespace Qase.Webhooks.Bench;

/// <summary>Where the benchmark finds the repository and keeps what it builds and writes (both kept out of git).</summary>
public static class Paths
{
    public static string Repository { get; } = FindRepository();

    public static string Output { get; } = Directory.CreateDirectory(Path.Combine(Repository, "bench", "out")).FullName;

    public static string Results { get; } = Directory.CreateDirectory(Path.Combine(Repository, "bench", "results")).FullName;

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Qase.Orleans.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("run the benchmark from inside the repository");
    }
}
