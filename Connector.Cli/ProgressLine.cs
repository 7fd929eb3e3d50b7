namespace Connector.Cli;

/// <summary>
/// Progress on stderr: on a terminal one line redrawn in place (a bar when the total is known, else a spinner);
/// elsewhere a plain line every <c>every</c> steps, so logs stay readable.
/// </summary>
public sealed class ProgressLine(TextWriter error, bool interactive, int every = 100)
{
    private static readonly char[] Spinner = ['|', '/', '-', '\\'];
    private int _updates;
    private int _lastWidth;

    public void Report(int done, int? total, string text)
    {
        _updates++;
        if (interactive)
        {
            var line = total is { } t && t > 0
                ? $"[{new string('#', Math.Min(30, done * 30 / t)).PadRight(30)}] {done}/{t} {text}"
                : $"{Spinner[_updates % Spinner.Length]} {text}";
            error.Write("\r" + line.PadRight(_lastWidth));
            _lastWidth = line.Length;
        }
        else if (done % every == 0)
        {
            error.WriteLine(text);
        }
    }

    public void Done()
    {
        if (interactive && _lastWidth > 0)
        {
            error.Write("\r" + new string(' ', _lastWidth) + "\r");
        }
    }
}
