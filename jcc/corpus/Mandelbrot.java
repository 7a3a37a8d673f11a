/** The Mandelbrot set in ASCII, with double arithmetic and an iteration histogram. */
public class Mandelbrot {
    public static void main(String[] args) {
        String shades = " .:-=+*#%@";
        int width = 72, height = 28, maxIter = 200;
        int[] histogram = new int[shades.length()];
        long totalIter = 0;
        for (int row = 0; row < height; row++) {
            StringBuilder line = new StringBuilder();
            double ci = -1.2 + 2.4 * row / (height - 1);
            for (int col = 0; col < width; col++) {
                double cr = -2.2 + 3.2 * col / (width - 1);
                double zr = 0, zi = 0;
                int iter = 0;
                while (iter < maxIter && zr * zr + zi * zi <= 4.0) {
                    double t = zr * zr - zi * zi + cr;
                    zi = 2 * zr * zi + ci;
                    zr = t;
                    iter++;
                }
                totalIter += iter;
                int shade = iter == maxIter ? shades.length() - 1 : Math.min(shades.length() - 2, iter / 3);
                histogram[shade]++;
                line.append(shades.charAt(shade));
            }
            System.out.println(line);
        }
        System.out.println("iterations " + totalIter + " histogram " + java.util.Arrays.toString(histogram));
    }
}
