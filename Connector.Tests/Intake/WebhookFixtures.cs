namespace Connector.Tests.Intake;

/// <summary>The committed signature fixtures, computed with openssl by Fixtures/Webhooks/make-signatures.sh.</summary>
public static class WebhookFixtures
{
    public sealed record Case(string Name, byte[] Body, string Secret, string Signature);

    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Webhooks");

    public static IReadOnlyDictionary<string, Case> All { get; } = File.ReadAllLines(Path.Combine(Folder, "signatures.tsv"))
        .Where(line => line.Length > 0)
        .Select(line => line.Split('\t'))
        .ToDictionary(p => p[0], p => new Case(p[0], File.ReadAllBytes(Path.Combine(Folder, p[1])), p[2], p[3]));

    public static byte[] Body(string file) => File.ReadAllBytes(Path.Combine(Folder, file));
}
