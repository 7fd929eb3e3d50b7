using System.Text;

namespace Connector.Tests.Soak;

/// <summary>The soak's result: one table; the run passes when every line with an expectation meets it.</summary>
public sealed record SoakReport(IReadOnlyList<SoakLine> Lines, TimeSpan Elapsed)
{
    public bool Passed => Lines.All(l => l.Ok);

    public IEnumerable<SoakLine> Failures => Lines.Where(l => !l.Ok);

    public string ToTable()
    {
        var width = Lines.Max(l => l.Check.Length);
        var valueWidth = Lines.Max(l => l.Value.Length);
        var text = new StringBuilder();
        foreach (var line in Lines)
        {
            text.Append(line.Ok ? "  " : "X ").Append(line.Check.PadRight(width)).Append("  ").Append(line.Value.PadRight(valueWidth));
            if (line.Expected is not null)
            {
                text.Append("  (must be ").Append(line.Expected).Append(')');
            }
            text.AppendLine();
        }
        text.Append(Passed ? "PASSED" : $"FAILED: {Failures.Count()} line(s) off").Append(" in ").Append(Elapsed.TotalSeconds.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)).AppendLine(" s");
        return text.ToString();
    }
}
