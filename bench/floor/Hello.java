/** The JVM alone: start, print a line, exit. */
public final class Hello {
  public static void main(String[] args) {
    System.out.println("hello");
  }
}
