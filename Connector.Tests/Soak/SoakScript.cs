namespace Connector.Tests.Soak;

/// <summary>
/// The edits of a soak run, from a fixed seed: mostly renames, some edits of unwatched fields, and pairs of renames of
/// one company made at once. No company is renamed more than <see cref="MaxRenamesPerCompany"/> times, so the loop guard
/// (at most that many writes per contact and hour) never has a legitimate reason to trip.
/// </summary>
public static class SoakScript
{
    public const int MaxRenamesPerCompany = 3;

    /// <summary>Words Company Explorer's stub reads a vertical from, so renames move companies between verticals.</summary>
    private static readonly string[] Trades = ["Reisen", "Holz", "Software", "Logistik", "Maschinenbau", "Handel", "Consulting", "Energie", "Feinkost"];

    public static IReadOnlyList<SoakChange> Create(SoakOptions options, int phases)
    {
        var random = new Random(options.Seed);
        var renames = new int[options.Companies + 1];
        var changes = new List<SoakChange>(options.Changes);
        var group = 0;
        while (changes.Count < options.Changes)
        {
            var phase = changes.Count * phases / options.Changes;
            var contactId = random.Next(1, options.Companies + 1);
            var roll = random.Next(10);
            if (roll < 2 || renames[contactId] >= MaxRenamesPerCompany)
            {
                changes.Add(new SoakChange(changes.Count, phase, group++, contactId, SoakChangeKind.UnwatchedEdit, $"+49 40 {random.Next(1_000_000, 9_999_999)}"));
                continue;
            }
            var together = roll < 4 && changes.Count + 1 < options.Changes && renames[contactId] + 2 <= MaxRenamesPerCompany ? 2 : 1;
            for (var i = 0; i < together; i++)
            {
                renames[contactId]++;
                changes.Add(new SoakChange(changes.Count, phase, group, contactId, SoakChangeKind.Rename,
                    $"Soak {contactId} {Trades[random.Next(Trades.Length)]} {renames[contactId]}{(char)('a' + i)}"));
            }
            group++;
        }
        return changes;
    }
}
