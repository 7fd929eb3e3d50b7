namespace Connector.Tests.Infrastructure;

/// <summary>Finds the repository root (the folder holding Connector.Functions.sln) from the test output folder.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Connector.Functions.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Connector.Functions.sln was not found above " + AppContext.BaseDirectory);
    });

    public static string Path => Root.Value;

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Root.Value, .. parts]);
}
