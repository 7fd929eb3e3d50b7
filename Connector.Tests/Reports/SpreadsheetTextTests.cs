using Connector.Core.Reports;

namespace Connector.Tests.Reports;

/// <summary>Text that would start a formula in a spreadsheet gets a leading quote; any other text is left as it is.</summary>
public sealed class SpreadsheetTextTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")")]
    [InlineData("+49 40 123456", "'+49 40 123456")]
    [InlineData("-Rabatt", "'-Rabatt")]
    [InlineData("@SUM(A1:A9)", "'@SUM(A1:A9)")]
    [InlineData("\tOmnie", "'\tOmnie")]
    [InlineData("\rOmnie", "'\rOmnie")]
    [InlineData("Omnie = gut", "Omnie = gut")]
    [InlineData(" =1+1", " =1+1")]
    [InlineData("'=1+1", "'=1+1")]
    [InlineData("Müller GmbH", "Müller GmbH")]
    [InlineData("", "")]
    [InlineData(null, null)]
    public void Only_a_formula_start_gets_a_leading_quote(string? text, string? expected)
    {
        Assert.Equal(expected, SpreadsheetText.Neutralize(text));
    }
}
