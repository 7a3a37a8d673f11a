package lichen.fs.procfs;

/** Brings a /proc directory whose entries come and go (fd/, task/) up to date with what the kernel has now. */
public interface ProcRefresh {
    void refresh(ProcNode dir);
}
