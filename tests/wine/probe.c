/* Exits 42: proof that Wine really ran a program of this architecture. */
int main(void)
{
	return 42;
}
