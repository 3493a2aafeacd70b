namespace Qase.Webhooks.Tests.Infrastructure;

/// <summary>The checkout the tests run from: the folder that holds <c>Qase.Orleans.sln</c>.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Qase.Orleans.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No Qase.Orleans.sln above {AppContext.BaseDirectory}: run the tests from the repository.");
    }
}
