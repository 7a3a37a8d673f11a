static const char msg[] = "hello from lichen\n";
long counter = 42;
void _start(void) {
  register long x0 asm("x0") = 1; register const char *x1 asm("x1") = msg; register long x2 asm("x2") = sizeof msg - 1; register long x8 asm("x8") = 64;
  asm volatile("svc #0" : "+r"(x0) : "r"(x1), "r"(x2), "r"(x8) : "memory");
  register long y0 asm("x0") = counter; register long y8 asm("x8") = 93;
  asm volatile("svc #0" :: "r"(y0), "r"(y8));
  for(;;);
}
