/* Placeholder: the sandbox server is being written. */
#include <stdio.h>

int main(void)
{
    return 0;
}
