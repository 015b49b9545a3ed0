namespace Assessment.Reports; internal static class Placeholder {}
