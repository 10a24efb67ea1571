namespace Tessera.Vision;

/// <summary><c>Tessera:Vision</c>: which engines label images, in what order, and how sure they must be (docs/vision.md).</summary>
public sealed class VisionOptions
{
    public const string Section = "Tessera:Vision";

    /// <summary>The order used when <see cref="Engines"/> is not set: local first (offline, free), the HTTP engines after it.</summary>
    public static readonly IReadOnlyList<string> DefaultEngines = [VisionEngineNames.Local, VisionEngineNames.OpenAI, VisionEngineNames.Gemini];

    /// <summary>
    /// Engine names tried in order (<c>local</c>, <c>openai</c>, <c>gemini</c>); the first one available answers, and a
    /// failing one hands over to the next. An HTTP engine is available only once its key is set. Unset means
    /// <see cref="DefaultEngines"/> (a list with defaults would have configured names appended to it by the binder).
    /// </summary>
    public List<string>? Engines { get; set; }

    /// <summary>The order in force.</summary>
    public IReadOnlyList<string> EngineOrder => Engines ?? DefaultEngines;

    /// <summary>Labels scored below this are dropped (CenterNet's guesses under ~0.35 are often wrong: a cat called "dog").</summary>
    public double MinScore { get; set; } = 0.4;

    /// <summary>At most this many labels per image, strongest first.</summary>
    public int MaxLabels { get; set; } = 5;

    /// <summary>Largest file accepted for labelling, in bytes; its decoded pixels are bounded by <see cref="MaxPixels"/>.</summary>
    public long MaxImageBytes { get; set; } = 50L * 1024 * 1024;

    public long MaxPixels { get; set; } = 100_000_000;

    public LocalVisionOptions Local { get; set; } = new();

    public HttpVisionOptions OpenAI { get; set; } = new() { Model = "gpt-4o-mini" };

    public HttpVisionOptions Gemini { get; set; } = new() { Model = "gemini-2.0-flash" };
}

/// <summary><c>Tessera:Vision:Local</c>: the Node worker that runs CenterNet.</summary>
public sealed class LocalVisionOptions
{
    /// <summary>The folder holding <c>worker.js</c> and its <c>node_modules</c>; empty finds <c>src/Tessera/Vision/node</c> (or <c>vision-node</c>) from the app's folder up.</summary>
    public string NodeDirectory { get; set; } = "";

    /// <summary>The Node.js executable: a path, or a name looked up on PATH.</summary>
    public string NodeExecutable { get; set; } = "node";

    /// <summary>Worker processes (each ~180 MB, one image at a time, one core).</summary>
    public int Workers { get; set; } = 1;

    /// <summary>Images waiting for a worker beyond those being labelled; one more is refused with <c>vision_busy</c>.</summary>
    public int QueueLength { get; set; } = 32;

    /// <summary>Per image, once a worker has it; past it the worker is stopped (and started again for the next image).</summary>
    public TimeSpan ImageTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Starting a worker and loading the model (~1 s here).</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(60);
}

/// <summary><c>Tessera:Vision:OpenAI</c> / <c>Tessera:Vision:Gemini</c>: an HTTP vision model, used once <see cref="ApiKey"/> is set.</summary>
public sealed class HttpVisionOptions
{
    /// <summary>Scheme and host (and a path prefix if any); empty means the public API.</summary>
    public string BaseUrl { get; set; } = "";

    public string ApiKey { get; set; } = "";

    public string Model { get; set; } = "";

    /// <summary>The whole call.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The image is sent as a JPEG at most this many pixels on its long side.</summary>
    public int MaxSide { get; set; } = 1024;
}
